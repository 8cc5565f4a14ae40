// The Messages rooms' commands. Writes (send, edit, delete, read, create) read what they need,
// check who may do it (rules/permissions.h) and write the rows, the events of the conversation
// room and of every viewer's list, and the command record in one transaction, then ack and
// publish. Queries (history, search) are answered in the ack. Signals (typing, presence) are
// fanned out and never stored. A conversation the actor may not see is "not_found", never
// "forbidden": ids reveal nothing about other partners.
#include <variant>

#include "app/clock.h"
#include "app/message_attachments.h"
#include "app/messages_builder.h"
#include "app/portal_service.h"
#include "store/outbox_scope.h"
#include "auth/tokens.h"
#include "portal/protocol/messaging_commands.h"
#include "portal/protocol/model_codecs.h"
#include "portal/rules/entity_validation.h"

namespace portal::server {
namespace {

struct Plan {
  MessageChange change;
  std::vector<NewEvent> events;
  Json result;
  bool write = true;  // false: answer `result` without storing anything (nothing changed)
  // A conversation.message signal (seq 0) published to these list rooms once stored.
  std::vector<std::string> signal_to;
  Json signal;
  // message.send: who else sees the conversation (for the e-mail of offline members).
  std::vector<Id> recipients;
};

struct Context {
  const Identity& who;
  Actor actor;
  Id vendor_org;
  UnixTime now;
};

using Outcome = std::variant<Plan, Error>;

Error error(ErrorCode code, std::string message, std::vector<FieldError> fields = {}) {
  return Error{code, std::move(message), std::move(fields)};
}

Error invalid(std::vector<FieldError> fields) {
  return error(ErrorCode::Validation, "Please check the highlighted fields.", std::move(fields));
}

const char* kNoConversation = "That conversation does not exist (or is not yours to see).";
const char* kNoMessage = "That message does not exist (or is not yours to see).";

Json message_json(const Message& m) {
  return to_json(m);
}

// The conversation named by `id` when the actor may see it.
std::optional<Conversation> visible_conversation(Store& store, const Actor& a, const Id& id) {
  if (id.empty() || id.size() > kMaxIdBytes) return std::nullopt;
  std::optional<Conversation> c = store.find_conversation(id);
  if (!c || !may_see_conversation(a, *c)) return std::nullopt;
  return c;
}

std::vector<FieldError> body_errors(const std::string& body, const Id& conversation_id,
                                   size_t attachments = 0) {
  Message probe;
  probe.conversation_id = conversation_id;
  probe.body = body;
  // Files alone are a message: the text is then optional.
  if (attachments > 0) probe.attachment_ids.assign(attachments, "attachment");
  std::vector<FieldError> out;
  for (FieldError& e : validate_message(probe))
    if (e.field == "body") out.push_back(std::move(e));
  // Only spaces is no message.
  if (out.empty() && attachments == 0 &&
      body.find_first_not_of(" \t\r\n") == std::string::npos)
    out.push_back({"body", "Write a message first."});
  return out;
}

std::string name_of(const std::vector<Person>& people, const Id& id) {
  const Person* p = find_person(people, id);
  return p ? p->name : std::string();
}

// [SECTION] Send, edit, delete

Outcome plan_send(const Context& c, const CommandFrame& f, Store& store) {
  auto p = send_payload_from_json(f.payload);
  if (!p) return invalid({{"body", "Send {\"conversation_id\", \"body\"} as text."}});
  auto conv = visible_conversation(store, c.actor, p->conversation_id);
  if (!conv) return error(ErrorCode::NotFound, kNoConversation);
  if (!p->attachments_ok)
    return invalid({{"attachments", "Send the attachments as a list of upload ids."}});
  if (auto fields = body_errors(p->body, conv->id, p->attachments.size()); !fields.empty())
    return invalid(fields);
  auto attached = check_attachments(store, c.actor.user_id, p->attachments);
  if (auto* e = std::get_if<Error>(&attached)) return std::move(*e);
  Id parent;
  if (!p->parent_id.empty()) {
    auto parent_message = p->parent_id.size() <= kMaxIdBytes ? store.find_message(p->parent_id)
                                                             : std::nullopt;
    if (!parent_message || parent_message->conversation_id != conv->id)
      return invalid({{"parent_id", "The message you reply to is not in this conversation."}});
    // Threads are one level deep: a reply to a reply joins the first message's thread.
    parent = parent_message->parent_id.empty() ? parent_message->id : parent_message->parent_id;
  }
  const std::vector<Id> member_ids = store.conversation_member_ids(*conv);
  Message m;
  m.id = new_id();
  m.conversation_id = conv->id;
  m.seq = store.next_message_seq(conv->id);
  m.author_id = c.actor.user_id;
  m.body = p->body;
  m.parent_id = parent;
  m.sent_at = c.now;
  m.attachment_ids = p->attachments;
  m.attachments = std::move(std::get<std::vector<AttachmentInfo>>(attached));

  Plan plan;
  const std::string author = c.who.user.name;
  plan.events.push_back({conversation_room(conv->id), std::string(kEvMessageSent),
                         {{"message", message_json(m)},
                          {"author_name", author},
                          // The sender's command id lets its tab swap its "sending" echo for
                          // the stored message, whichever of ack and event comes first.
                          {"client_id", f.id}}});
  // Every member's list hears of it through one shared frame published after the commit,
  // rather than one stored event per member (50 rows per message in a channel of 50).
  for (const Id& id : member_ids) {
    plan.signal_to.push_back(messages_room_key(id));
    if (id != c.actor.user_id) plan.recipients.push_back(id);
  }
  plan.signal = {{"conversation_id", conv->id},
                 {"message", message_json(m)},
                 {"author_name", author},
                 // A partner's author is always among the people; vendor staff answer them.
                 {"from_partner", c.vendor_org.empty() || c.who.user.org_id != c.vendor_org}};
  plan.result = {{"conversation_id", conv->id}, {"message_id", m.id}, {"seq", m.seq}};
  plan.change.read = ReadMarker{conv->id, m.author_id, m.seq, c.now};
  plan.change.message = std::move(m);
  plan.change.new_message = true;
  return plan;
}

Outcome plan_change(const Context& c, const CommandFrame& f, Store& store) {
  const bool edit = f.type == kCmdMessageEdit;
  auto t = message_target_from_json(f.payload, edit);
  if (!t)
    return invalid({{edit ? "body" : "message_id",
                     edit ? "Send {\"message_id\", \"body\"} as text." : "Name the message by its id."}});
  std::optional<Message> m =
      t->message_id.size() <= kMaxIdBytes ? store.find_message(t->message_id) : std::nullopt;
  auto conv = m ? visible_conversation(store, c.actor, m->conversation_id) : std::nullopt;
  if (!m || !conv) return error(ErrorCode::NotFound, kNoMessage);
  if (m->deleted) return error(ErrorCode::Conflict, "That message was deleted.");
  if (!may_change_message(c.actor, *m))
    return error(ErrorCode::Forbidden,
                 edit ? "You can only edit your own messages." : "You can only delete your own messages.");
  const std::vector<Person> people = store.conversation_people(*conv);
  std::vector<Id> ids;
  for (const Person& person : people) ids.push_back(person.id);
  const std::vector<ReadState> reads = store.read_states(conv->id, ids);
  const bool is_last = store.next_message_seq(conv->id) == m->seq + 1;

  Plan plan;
  if (edit) {
    if (auto fields = body_errors(t->body, conv->id); !fields.empty()) return invalid(fields);
    if (t->body == m->body) {
      plan.write = false;  // nothing to change
      plan.result = {{"message_id", m->id}, {"edited", m->edited}};
      return plan;
    }
    m->body = t->body;
    m->edited = true;
    m->edited_at = c.now;
  } else {
    m->body.clear();
    m->deleted = true;
  }
  plan.events.push_back({conversation_room(conv->id),
                         std::string(edit ? kEvMessageEdited : kEvMessageDeleted),
                         {{"message", message_json(*m)}}});
  const std::string author = name_of(people, m->author_id);
  for (const ReadState& r : reads) {
    // A deleted message no longer counts as unread for whoever had not read it.
    const bool counted = r.read_seq < m->seq && r.user_id != m->author_id;
    const int32_t unread = !edit && counted ? r.unread - 1 : r.unread;
    if (!is_last && unread == r.unread) continue;  // nothing this list shows has changed
    plan.events.push_back({messages_room_key(r.user_id), std::string(kEvConversationActivity),
                           {{"conversation_id", conv->id},
                            {"message", message_json(*m)},
                            {"author_name", author},
                            {"unread", unread}}});
  }
  plan.result = {{"message_id", m->id}, {"deleted", m->deleted}, {"edited", m->edited}};
  plan.change.message = std::move(*m);
  return plan;
}

// [SECTION] Read receipts

Outcome plan_read(const Context& c, const Json& payload, Store& store) {
  auto p = read_payload_from_json(payload);
  if (!p) return invalid({{"seq", "Send {\"conversation_id\", \"seq\"}: the last message read."}});
  auto conv = visible_conversation(store, c.actor, p->conversation_id);
  if (!conv) return error(ErrorCode::NotFound, kNoConversation);
  if (p->seq < 0) return invalid({{"seq", "The last message read cannot be negative."}});
  const int64_t newest = store.next_message_seq(conv->id) - 1;
  const int64_t seq = std::min(p->seq, newest);
  const std::vector<ReadState> mine = store.read_states(conv->id, {c.actor.user_id});
  Plan plan;
  plan.result = {{"conversation_id", conv->id}, {"last_read_seq", std::max(seq, mine[0].read_seq)}};
  if (seq <= mine[0].read_seq) {
    plan.write = false;  // already read that far: a receipt never moves backwards
    return plan;
  }
  const ReadMarker marker{conv->id, c.actor.user_id, seq, c.now};
  plan.events.push_back({conversation_room(conv->id), std::string(kEvConversationRead),
                         {{"marker", to_json(marker)}}});
  plan.events.push_back({messages_room_key(c.actor.user_id), std::string(kEvConversationRead),
                         {{"conversation_id", conv->id},
                          {"last_read_seq", seq},
                          {"unread", store.unread_after(conv->id, c.actor.user_id, seq)}}});
  plan.change.read = marker;
  return plan;
}

// [SECTION] New conversations

Person person_of(const User& u, const Id& vendor_org) {
  return Person{u.id, u.name, u.org_id, u.org_id == vendor_org};
}

Outcome plan_create(const Context& c, const Json& payload, Store& store) {
  auto p = create_payload_from_json(payload);
  auto kind = p ? conversation_kind_from_string(p->kind) : std::nullopt;
  if (!p || !kind)
    return invalid({{"kind", "Choose \"topic\" (a channel) or \"direct\" (a direct message)."}});
  const bool vendor = is_vendor_actor(c.actor, c.vendor_org);
  Conversation conv;
  conv.id = new_id();
  conv.kind = *kind;
  conv.created_by = c.actor.user_id;
  conv.created_at = c.now;
  std::vector<Person> people;
  people.push_back(person_of(c.who.user, c.vendor_org));

  if (*kind == ConversationKind::Direct) {
    std::optional<User> other =
        p->user_id.size() <= kMaxIdBytes && !p->user_id.empty() ? store.find_user(p->user_id)
                                                                : std::nullopt;
    // A partner may write to the vendor's staff and to colleagues; vendor staff to partners.
    const bool other_vendor = other && other->org_id == c.vendor_org;
    const bool allowed = other && other->id != c.actor.user_id &&
                         (vendor ? !other_vendor : (other_vendor || other->org_id == c.actor.org_id));
    if (!allowed)
      return error(ErrorCode::NotFound, "There is nobody with that id you can write to.");
    if (auto existing = store.find_direct_conversation(c.actor.user_id, other->id)) {
      Plan plan;
      plan.write = false;
      plan.result = {{"conversation_id", existing->id}, {"existing", true}};
      return plan;
    }
    conv.org_id = vendor ? other->org_id : c.actor.org_id;
    conv.member_ids = {c.actor.user_id, other->id};
    people.push_back(person_of(*other, c.vendor_org));
  } else {
    if (!vendor)
      return error(ErrorCode::Forbidden, "Only the vendor's team can open channels.");
    std::optional<Organisation> org =
        p->org_id.size() <= kMaxIdBytes && !p->org_id.empty() ? store.find_org(p->org_id)
                                                              : std::nullopt;
    if (!org || org->kind != OrgKind::Partner)
      return invalid({{"org_id", "Choose the partner the channel is for."}});
    conv.org_id = org->id;
    conv.title = p->title;
    conv.member_ids = {c.actor.user_id};
    if (p->member_ids.size() > kMaxMembers)
      return invalid({{"member_ids", "A channel has at most " + std::to_string(kMaxMembers) +
                                         " members."}});
    for (const Id& id : p->member_ids) {
      if (id == c.actor.user_id) continue;
      std::optional<User> u = id.size() <= kMaxIdBytes ? store.find_user(id) : std::nullopt;
      // The partner's own people see its channels anyway; members add the vendor's staff.
      if (!u || (u->org_id != c.vendor_org && u->org_id != org->id))
        return invalid({{"member_ids", "Add people of the vendor's team or of this partner."}});
      if (!is_member(conv, u->id)) {
        conv.member_ids.push_back(u->id);
        people.push_back(person_of(*u, c.vendor_org));
      }
    }
    for (const SeedUser& su : store.list_users(org->id))
      if (!find_person(people, su.record.user.id))
        people.push_back(person_of(su.record.user, c.vendor_org));
  }
  if (auto fields = validate_conversation(conv); !fields.empty()) return invalid(fields);

  std::optional<Organisation> org = store.find_org(conv.org_id);
  ConversationListRow row{conv, org ? org->name : std::string(), std::nullopt, 0, 0};
  Json people_json = Json::array();
  for (const Person& person : people) people_json.push_back(to_json(person));
  Plan plan;
  for (const Person& person : people)
    plan.events.push_back({messages_room_key(person.id), std::string(kEvConversationAdded),
                           {{"summary", to_json(make_summary(row, person.id, people))},
                            {"people", people_json}}});
  plan.result = {{"conversation_id", conv.id}, {"existing", false}};
  plan.change.conversation = std::move(conv);
  return plan;
}

}  // namespace

// [SECTION] Dispatch

void PortalService::on_messages_command(Client& client, const Identity& who,
                                        const CommandFrame& f) {
  const Actor actor = who.actor();
  if (!may(actor.role, RoomKind::Messages, Action::Create)) {
    client.send(error_frame(ErrorCode::Forbidden, "This account cannot use messages.", f.id));
    return;
  }
  auto refuse = [&](const Error& e) {
    client.send(error_frame(e.code, e.message, f.id, e.fields));
  };

  // Signals and queries: nothing is written, so they need neither the lock nor a record.
  if (f.type == kCmdTyping) {
    auto conv_id = f.payload.is_object() ? f.payload.value("conversation_id", Json()) : Json();
    auto conv = conv_id.is_string() ? visible_conversation(store_, actor, conv_id.get<std::string>())
                                    : std::nullopt;
    if (!conv) return refuse(error(ErrorCode::NotFound, kNoConversation));
    const std::string room = conversation_room(conv->id);
    auto frame = share(EventFrame{
        room,
        0,
        std::string(kEvTyping),
        {{"conversation_id", conv->id}, {"user_id", actor.user_id}, {"name", who.user.name}}});
    bus_.publish(BusMessage{room, 0, std::move(frame)});
    client.send(AckFrame{f.id, Json::object()});
    return;
  }
  if (f.type == kCmdPresenceSet) {
    auto status_json = f.payload.is_object() ? f.payload.value("status", Json()) : Json();
    auto status = status_json.is_string() ? presence_from_string(status_json.get<std::string>())
                                          : std::nullopt;
    if (!status || *status == Presence::Offline)
      return refuse(invalid({{"status", "Say \"online\" or \"away\"."}}));
    if (auto changed = presence_.set_away(actor.user_id, &client, *status == Presence::Away))
      publish_presence(actor.user_id, *changed);
    client.send(AckFrame{f.id, {{"status", to_string(presence_.status(actor.user_id))}}});
    return;
  }
  if (f.type == kCmdMessagesHistory) {
    auto p = history_payload_from_json(f.payload);
    if (!p) return refuse(invalid({{"before_seq", "Send {\"conversation_id\", \"before_seq\"}."}}));
    auto conv = visible_conversation(store_, actor, p->conversation_id);
    if (!conv) return refuse(error(ErrorCode::NotFound, kNoConversation));
    bool has_older = false;
    Json messages = Json::array();
    for (const Message& m : store_.messages_before(conv->id, p->before_seq, p->limit, has_older))
      messages.push_back(to_json(m));
    client.send(AckFrame{f.id, {{"conversation_id", conv->id},
                                {"messages", std::move(messages)},
                                {"has_older", has_older}}});
    return;
  }
  if (f.type == kCmdMessagesSearch) {
    auto p = search_payload_from_json(f.payload);
    if (!p) return refuse(invalid({{"query", "Type what to search for."}}));
    if (p->query.size() > kMaxSearchQuery)
      return refuse(invalid({{"query", "Search for at most " + std::to_string(kMaxSearchQuery) +
                                           " characters."}}));
    auto match = fts_match_expression(p->query);
    if (!match) return refuse(invalid({{"query", "Type a word to search for."}}));
    Json results = Json::array();
    for (const Message& m :
         store_.search_messages(actor.user_id, actor.org_id, *match, p->limit))
      results.push_back(to_json(m));
    client.send(AckFrame{f.id, {{"query", p->query}, {"results", std::move(results)}}});
    return;
  }

  if (f.type == kCmdMessagesPeople) {
    // Whom a direct message may go to, as conversation.create decides: a partner's people
    // write to the vendor's staff and to their colleagues, the vendor's staff to partners'
    // people. Nobody else's users are ever listed.
    auto p = search_payload_from_json(f.payload);
    if (!p || p->query.size() > kMaxPeopleQuery)
      return refuse(invalid({{"query", "Type at most " + std::to_string(kMaxPeopleQuery) +
                                           " characters of a name or an e-mail address."}}));
    const Id vendor_org = store_.vendor_id();
    PeopleQuery q;
    q.text = p->query;
    q.exclude_user = actor.user_id;
    q.limit = p->limit;
    if (is_vendor_actor(actor, vendor_org))
      q.exclude_org = vendor_org;
    else
      q.orgs = {vendor_org, actor.org_id};
    Json people = Json::array();
    for (const PersonRow& row : store_.find_people(q))
      people.push_back({{"id", row.user.id},
                        {"name", row.user.name},
                        {"org_id", row.user.org_id},
                        {"org_name", row.org_name},
                        {"vendor", row.user.org_id == vendor_org}});
    client.send(AckFrame{f.id, {{"query", p->query}, {"people", std::move(people)}}});
    return;
  }

  // Writes: read, check, write, ack and publish in one critical section, like the pipeline.
  std::lock_guard lock(publish_mutex_);
  const CommandKey key{actor.user_id, f.id, f.type};
  if (auto recorded = store_.command_result(key)) {
    // Answered only once durable: the first try may still be waiting for its sync.
    return ack_and_publish(client, f.id, CommandOutcome{std::move(*recorded), {}, true});
  }
  const Context c{who, actor, store_.vendor_id(), unix_now()};
  Outcome planned = error(ErrorCode::UnknownType, "The server does not know the command \"" +
                                                      f.type.substr(0, 64) + "\".");
  if (f.type == kCmdMessageSend) planned = plan_send(c, f, store_);
  if (f.type == kCmdMessageEdit || f.type == kCmdMessageDelete) planned = plan_change(c, f, store_);
  if (f.type == kCmdConversationRead) planned = plan_read(c, f.payload, store_);
  if (f.type == kCmdConversationCreate) planned = plan_create(c, f.payload, store_);
  if (auto* e = std::get_if<Error>(&planned)) return refuse(*e);
  Plan& plan = std::get<Plan>(planned);
  if (!plan.write) {
    client.send(AckFrame{f.id, plan.result});
    return;
  }
  // Members without a live connection get one digest e-mail per conversation if the message is
  // still unread after the delay (mail/mailer.cpp); the row is written with the message.
  if (plan.change.new_message && plan.change.message)
    for (const Id& user : presence_.offline_among(plan.recipients))
      OutboxScope::add_digest(PendingDigest{user, plan.change.message->conversation_id,
                                            plan.change.message->seq, c.now + mail_.digest_delay});
  const CommandOutcome outcome =
      store_.apply_message_change(key, plan.change, plan.events, plan.result, c.now);
  ack_and_publish(client, f.id, outcome);
  if (!outcome.replayed && !plan.signal_to.empty()) {
    after_commit([this, to = std::move(plan.signal_to), signal = std::move(plan.signal)]() mutable {
      auto frame = share(EventFrame{std::string(to_string(RoomKind::Messages)), 0,
                                    std::string(kEvConversationMessage), signal});
      bus_.publish_each(std::move(to), BusMessage{{}, 0, std::move(frame), /*hold=*/true});
    });
  }
  // A new conversation brings people together: their presence now reaches each other.
  if (plan.change.conversation && !outcome.replayed)
    for (const StoredEvent& e : outcome.events)
      if (const Id user = user_of_messages_room(e.room_key); !user.empty())
        if (std::optional<User> u = store_.find_user(user)) remember_audience(u->id, u->org_id);
}

}  // namespace portal::server
