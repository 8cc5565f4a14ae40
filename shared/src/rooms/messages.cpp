#include "portal/rooms/messages.h"

#include <algorithm>

#include "portal/protocol/messaging_commands.h"
#include "portal/protocol/model_codecs.h"
#include "protocol/json_fields.h"

namespace portal {
namespace {

using detail::field;
using detail::get_bool;
using detail::get_int;
using detail::get_string;

// [SECTION] Helpers

Json people_json(const std::vector<Person>& people) {
  Json out = Json::array();
  for (const Person& p : people) out.push_back(to_json(p));
  return out;
}

std::optional<std::vector<Person>> people_from_json(const Json* j) {
  if (j == nullptr || !j->is_array()) return std::nullopt;
  std::vector<Person> out;
  for (const Json& p : *j) {
    auto person = person_from_json(p);
    if (!person) return std::nullopt;
    out.push_back(std::move(*person));
  }
  return out;
}

void merge_people(std::vector<Person>& into, const std::vector<Person>& more) {
  for (const Person& p : more) {
    auto it = std::find_if(into.begin(), into.end(), [&](const Person& q) { return q.id == p.id; });
    if (it == into.end())
      into.push_back(p);
    else
      *it = p;
  }
}

void sort_list(MessagesState& s) {
  std::stable_sort(s.conversations.begin(), s.conversations.end(),
                   [](const ConversationSummary& a, const ConversationSummary& b) {
                     const UnixTime ta = last_activity(a), tb = last_activity(b);
                     if (ta != tb) return ta > tb;
                     return a.conversation.id < b.conversation.id;
                   });
}

ConversationSummary* find_summary_mut(MessagesState& s, const Id& id) {
  for (ConversationSummary& c : s.conversations)
    if (c.conversation.id == id) return &c;
  return nullptr;
}

void set_presence(std::vector<PresenceEntry>& list, const Id& user, Presence status) {
  std::erase_if(list, [&](const PresenceEntry& e) { return e.user_id == user; });
  if (status != Presence::Offline) list.push_back({user, status});
}

void raise_marker(std::vector<ReadMarker>& reads, const ReadMarker& m) {
  for (ReadMarker& r : reads) {
    if (r.user_id != m.user_id) continue;
    if (m.last_read_seq > r.last_read_seq) r = m;
    return;
  }
  reads.push_back(m);
}

}  // namespace

std::string_view to_string(Presence p) {
  switch (p) {
    case Presence::Online:
      return "online";
    case Presence::Away:
      return "away";
    case Presence::Offline:
      break;
  }
  return "offline";
}

std::optional<Presence> presence_from_string(std::string_view s) {
  if (s == "online") return Presence::Online;
  if (s == "away") return Presence::Away;
  if (s == "offline") return Presence::Offline;
  return std::nullopt;
}

Json to_json(const Person& p) {
  return {{"id", p.id}, {"name", p.name}, {"org_id", p.org_id}, {"vendor", p.vendor}};
}

std::optional<Person> person_from_json(const Json& j) {
  auto id = get_string(j, "id"), name = get_string(j, "name"), org = get_string(j, "org_id");
  auto vendor = get_bool(j, "vendor");
  if (!id || !name || !org || !vendor) return std::nullopt;
  return Person{*id, *name, *org, *vendor};
}

// [SECTION] The conversation list

Json to_json(const ConversationSummary& s) {
  Json j = {{"conversation", to_json(s.conversation)},
            {"title", s.title},
            {"org_name", s.org_name},
            {"last", s.last ? to_json(*s.last) : Json()},
            {"last_author", s.last_author},
            {"read_seq", s.read_seq},
            {"unread", s.unread},
            {"awaiting_reply", s.awaiting_reply}};
  return j;
}

std::optional<ConversationSummary> conversation_summary_from_json(const Json& j) {
  const Json* conv = field(j, "conversation");
  auto title = get_string(j, "title"), org = get_string(j, "org_name");
  auto author = get_string(j, "last_author");
  auto read = get_int(j, "read_seq"), unread = get_int(j, "unread");
  auto awaiting = get_bool(j, "awaiting_reply");
  if (conv == nullptr || !title || !org || !author || !read || !unread || !awaiting)
    return std::nullopt;
  ConversationSummary s;
  auto c = conversation_from_json(*conv);
  if (!c) return std::nullopt;
  s.conversation = std::move(*c);
  if (const Json* last = field(j, "last"); last != nullptr && !last->is_null()) {
    s.last = message_from_json(*last);
    if (!s.last) return std::nullopt;
  }
  s.title = *title;
  s.org_name = *org;
  s.last_author = *author;
  s.read_seq = *read;
  s.unread = static_cast<int32_t>(*unread);
  s.awaiting_reply = *awaiting;
  return s;
}

Json to_json(const MessagesState& s) {
  Json convs = Json::array();
  for (const ConversationSummary& c : s.conversations) convs.push_back(to_json(c));
  Json presence = Json::array();
  for (const PresenceEntry& p : s.presence)
    presence.push_back({{"user_id", p.user_id}, {"status", to_string(p.status)}});
  return {{"me", s.me},
          {"conversations", std::move(convs)},
          {"people", people_json(s.people)},
          {"presence", std::move(presence)}};
}

std::optional<MessagesState> messages_from_json(const Json& j) {
  auto me = get_string(j, "me");
  const Json* convs = field(j, "conversations");
  const Json* presence = field(j, "presence");
  auto people = people_from_json(field(j, "people"));
  if (!me || convs == nullptr || !convs->is_array() || !people || presence == nullptr ||
      !presence->is_array())
    return std::nullopt;
  MessagesState s;
  s.me = *me;
  s.people = std::move(*people);
  for (const Json& c : *convs) {
    auto summary = conversation_summary_from_json(c);
    if (!summary) return std::nullopt;
    s.conversations.push_back(std::move(*summary));
  }
  for (const Json& p : *presence) {
    auto user = get_string(p, "user_id"), status_name = get_string(p, "status");
    auto status = status_name ? presence_from_string(*status_name) : std::nullopt;
    if (!user || !status) return std::nullopt;
    set_presence(s.presence, *user, *status);
  }
  return s;
}

bool apply(MessagesState& s, std::string_view type, const Json& data) {
  if (type == kEvConversationAdded) {
    const Json* summary_json = field(data, "summary");
    auto summary = summary_json ? conversation_summary_from_json(*summary_json) : std::nullopt;
    auto people = people_from_json(field(data, "people"));
    if (!summary || !people) return false;
    merge_people(s.people, *people);
    if (ConversationSummary* old = find_summary_mut(s, summary->conversation.id))
      *old = std::move(*summary);
    else
      s.conversations.push_back(std::move(*summary));
    sort_list(s);
    return true;
  }
  if (type == kEvConversationActivity) {
    auto conv = get_string(data, "conversation_id"), author = get_string(data, "author_name");
    auto unread = get_int(data, "unread");
    const Json* message_json = field(data, "message");
    auto message = message_json ? message_from_json(*message_json) : std::nullopt;
    ConversationSummary* c = conv ? find_summary_mut(s, *conv) : nullptr;
    if (!c || !author || !unread || !message) return false;
    if (!c->last || message->seq >= c->last->seq) {
      const bool is_new = !c->last || message->seq > c->last->seq;
      if (is_new) {
        auto from_partner = get_bool(data, "from_partner");
        c->awaiting_reply = from_partner.value_or(false);
      }
      c->last = *message;
      c->last_author = *author;
    }
    if (message->author_id == s.me && message->seq > c->read_seq) c->read_seq = message->seq;
    c->unread = static_cast<int32_t>(*unread);
    sort_list(s);
    return true;
  }
  if (type == kEvConversationMessage) {
    auto conv = get_string(data, "conversation_id"), author = get_string(data, "author_name");
    const Json* message_json = field(data, "message");
    auto message = message_json ? message_from_json(*message_json) : std::nullopt;
    ConversationSummary* c = conv ? find_summary_mut(s, *conv) : nullptr;
    if (!c || !author || !message) return false;
    // Held back behind a snapshot that already counted it, or heard twice: nothing new.
    if (c->last && message->seq <= c->last->seq) return false;
    c->last = *message;
    c->last_author = *author;
    c->awaiting_reply = get_bool(data, "from_partner").value_or(false);
    if (message->author_id == s.me) {
      // Writing moves the writer's read marker past everything before it.
      c->read_seq = std::max(c->read_seq, message->seq);
      c->unread = 0;
    } else if (message->seq > c->read_seq) {
      ++c->unread;
    }
    sort_list(s);
    return true;
  }
  if (type == kEvConversationRead) {
    auto conv = get_string(data, "conversation_id");
    auto seq = get_int(data, "last_read_seq"), unread = get_int(data, "unread");
    ConversationSummary* c = conv ? find_summary_mut(s, *conv) : nullptr;
    if (!c || !seq || !unread) return false;
    c->read_seq = std::max(c->read_seq, *seq);
    c->unread = static_cast<int32_t>(*unread);
    return true;
  }
  if (type == kEvPresence) {
    auto user = get_string(data, "user_id"), status_name = get_string(data, "status");
    auto status = status_name ? presence_from_string(*status_name) : std::nullopt;
    if (!user || !status) return false;
    set_presence(s.presence, *user, *status);
    return true;
  }
  return false;
}

UnixTime last_activity(const ConversationSummary& s) {
  return s.last ? s.last->sent_at : s.conversation.created_at;
}

const ConversationSummary* find_summary(const MessagesState& s, const Id& conversation_id) {
  for (const ConversationSummary& c : s.conversations)
    if (c.conversation.id == conversation_id) return &c;
  return nullptr;
}

const Person* find_person(const std::vector<Person>& people, const Id& user_id) {
  for (const Person& p : people)
    if (p.id == user_id) return &p;
  return nullptr;
}

Presence presence_of(const MessagesState& s, const Id& user_id) {
  for (const PresenceEntry& p : s.presence)
    if (p.user_id == user_id) return p.status;
  return Presence::Offline;
}

int32_t total_unread(const MessagesState& s) {
  int32_t n = 0;
  for (const ConversationSummary& c : s.conversations) n += c.unread;
  return n;
}

std::vector<const ConversationSummary*> support_queue(const MessagesState& s) {
  std::vector<const ConversationSummary*> out;
  for (const ConversationSummary& c : s.conversations) out.push_back(&c);
  std::stable_sort(out.begin(), out.end(),
                   [](const ConversationSummary* a, const ConversationSummary* b) {
                     if (a->awaiting_reply != b->awaiting_reply) return a->awaiting_reply;
                     // Waiting: the longest wait first. Answered: the latest activity first.
                     if (a->awaiting_reply) return last_activity(*a) < last_activity(*b);
                     return last_activity(*a) > last_activity(*b);
                   });
  return out;
}

// [SECTION] One conversation

Json to_json(const ConversationState& s) {
  Json messages = Json::array();
  for (const Message& m : s.messages) messages.push_back(to_json(m));
  Json reads = Json::array();
  for (const ReadMarker& r : s.reads) reads.push_back(to_json(r));
  return {{"conversation", to_json(s.conversation)},
          {"title", s.title},
          {"people", people_json(s.people)},
          {"messages", std::move(messages)},
          {"reads", std::move(reads)},
          {"has_older", s.has_older}};
}

std::optional<ConversationState> conversation_state_from_json(const Json& j) {
  const Json* conv = field(j, "conversation");
  const Json* messages = field(j, "messages");
  const Json* reads = field(j, "reads");
  auto title = get_string(j, "title");
  auto has_older = get_bool(j, "has_older");
  auto people = people_from_json(field(j, "people"));
  if (!conv || !messages || !messages->is_array() || !reads || !reads->is_array() || !title ||
      !has_older || !people)
    return std::nullopt;
  auto c = conversation_from_json(*conv);
  if (!c) return std::nullopt;
  ConversationState s{std::move(*c), *title, std::move(*people), {}, {}, *has_older};
  for (const Json& m : *messages) {
    auto msg = message_from_json(m);
    if (!msg) return std::nullopt;
    s.messages.push_back(std::move(*msg));
  }
  for (const Json& r : *reads) {
    auto marker = read_marker_from_json(r);
    if (!marker) return std::nullopt;
    s.reads.push_back(std::move(*marker));
  }
  return s;
}

bool apply(ConversationState& s, std::string_view type, const Json& data) {
  if (type == kEvMessageSent || type == kEvMessageEdited || type == kEvMessageDeleted) {
    const Json* message_json = field(data, "message");
    auto message = message_json ? message_from_json(*message_json) : std::nullopt;
    if (!message || message->conversation_id != s.conversation.id) return false;
    auto it = std::find_if(s.messages.begin(), s.messages.end(),
                           [&](const Message& m) { return m.id == message->id; });
    if (type == kEvMessageSent) {
      // Sending also says the author has read up to their own message.
      raise_marker(s.reads, ReadMarker{s.conversation.id, message->author_id, message->seq,
                                       message->sent_at});
      if (it != s.messages.end()) return false;
      auto pos = std::upper_bound(
          s.messages.begin(), s.messages.end(), message->seq,
          [](int64_t seq, const Message& m) { return seq < m.seq; });
      s.messages.insert(pos, std::move(*message));
      return true;
    }
    if (it == s.messages.end()) return false;
    *it = std::move(*message);
    return true;
  }
  if (type == kEvConversationRead) {
    const Json* marker_json = field(data, "marker");
    auto marker = marker_json ? read_marker_from_json(*marker_json) : std::nullopt;
    if (!marker || marker->conversation_id != s.conversation.id) return false;
    raise_marker(s.reads, *marker);
    return true;
  }
  return false;
}

size_t merge_older(ConversationState& s, std::vector<Message> page, bool has_older) {
  std::sort(page.begin(), page.end(), [](const Message& a, const Message& b) { return a.seq < b.seq; });
  const int64_t first = s.messages.empty() ? INT64_MAX : s.messages.front().seq;
  std::vector<Message> older;
  for (Message& m : page)
    if (m.seq < first && m.conversation_id == s.conversation.id &&
        (older.empty() || older.back().seq < m.seq))
      older.push_back(std::move(m));
  s.messages.insert(s.messages.begin(), std::make_move_iterator(older.begin()),
                    std::make_move_iterator(older.end()));
  s.has_older = has_older;
  return older.size();
}

const Message* find_message(const ConversationState& s, const Id& message_id) {
  for (const Message& m : s.messages)
    if (m.id == message_id) return &m;
  return nullptr;
}

std::vector<const Person*> seen_by(const ConversationState& s, int64_t seq, const Id& author) {
  std::vector<const Person*> out;
  for (const Person& p : s.people) {
    if (p.id == author) continue;
    for (const ReadMarker& r : s.reads)
      if (r.user_id == p.id && r.last_read_seq >= seq) {
        out.push_back(&p);
        break;
      }
  }
  return out;
}

int64_t newest_seq(const ConversationState& s) {
  return s.messages.empty() ? 0 : s.messages.back().seq;
}

}  // namespace portal
