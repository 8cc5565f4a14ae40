// The Messages room's side of the App: opening conversations, sending (with a "Sending…" echo
// that is resent after a reconnect), editing, deleting, paging back, search, typing, receipts,
// presence from the tab's visibility, and notifications of new messages (in-app, and through
// the browser's Notification API while the tab is hidden).
#include <emscripten.h>

#include <algorithm>

#include "app.h"
#include "browser.h"
#include "portal/protocol/frames.h"
#include "portal/protocol/model_codecs.h"
#include "portal/rules/entity_validation.h"

namespace portal::client {
namespace {

constexpr double kTypingSendEveryMs = 3000;
constexpr double kTypingShownMs = 5000;
constexpr double kVisibilityCheckMs = 500;
constexpr size_t kMaxNotices = 50;
// Each tab keeps its unsent messages under "pp.outbox.<tab>"; a tab that starts a session takes
// over every key of its user (a closed tab's, or one still open: resends are applied once).
constexpr const char* kOutboxPrefix = "pp.outbox";
// Drafts: {"user", "drafts": {draft key: text}} (a conversation's id, or "<id>/<thread parent>"),
// one key for the browser; each write changes only its own entry.
constexpr const char* kDraftsKey = "pp.drafts";
constexpr double kDraftSaveEveryMs = 1000;
// At most this many unsent messages are kept (8,000 characters each stays far below the
// browser's 5 MB for localStorage).
constexpr size_t kMaxOutbox = 100;

// The "Sending…" echo of a message.send command, from its payload.
OutgoingMessage outgoing_of(const CommandFrame& cmd, double now_ms) {
  const Json& p = cmd.payload;
  return OutgoingMessage{cmd.id,
                         p.value("conversation_id", ""),
                         p.value("parent_id", ""),
                         p.value("body", ""),
                         now_ms,
                         {},
                         p,
                         {}};
}

// The message.send command in a frame kept in the outbox; nullopt for anything else.
std::optional<CommandFrame> kept_send(const Json& text) {
  if (!text.is_string()) return std::nullopt;
  auto decoded = decode_client_frame(text.get<std::string>());
  auto* frame = std::get_if<ClientFrame>(&decoded);
  auto* cmd = frame ? std::get_if<CommandFrame>(frame) : nullptr;
  if (!cmd || cmd->type != kCmdMessageSend) return std::nullopt;
  return std::move(*cmd);
}

EM_JS(int, pp_js_document_hidden, (), { return document.hidden ? 1 : 0; });

// Asks once for permission; shows a notification when it is granted.
EM_JS(void, pp_js_notify, (const char* title, const char* body), {
  if (typeof Notification === 'undefined') return;
  const t = UTF8ToString(title), b = UTF8ToString(body);
  const show = () => { try { new Notification(t, { body: b, tag: 'pp-messages' }); } catch (e) {} };
  if (Notification.permission === 'granted') show();
  else if (Notification.permission !== 'denied') Notification.requestPermission().then((p) => { if (p === 'granted') show(); });
});

std::string trimmed(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

}  // namespace

void App::follow_conversation(const Id& conversation_id) {
  const std::string room = conversation_room(conversation_id);
  if (replica_.room(room)) return;
  conn_.send(replica_.subscribe(room));
  messages_.followed.push_back(conversation_id);
}

void App::open_conversation(const Id& conversation_id) {
  if (conversation_id.empty()) return;
  if (messages_.open != conversation_id) {
    // What was written and not sent stays with its conversation, files included.
    messages_.open = conversation_id;
    messages_.thread.clear();
    messages_.editing.clear();
    bind_draft(messages_.draft, conversation_id);
    attachments::show(messages_.attachments, conversation_id);
    messages_.stick_bottom = true;
    messages_.focus_draft = true;
  }
  follow_conversation(conversation_id);
  mark_read(conversation_id);
  mark_dirty();
}

void App::open_conversation_column(const Id& conversation_id) {
  follow_conversation(conversation_id);
  mark_read(conversation_id);
}

void App::mark_read(const Id& conversation_id) {
  const ConversationState* c = replica_.conversation(conversation_room(conversation_id));
  const MessagesState* list = replica_.messages();
  if (!c || !list || messages_.away) return;
  const ConversationSummary* summary = find_summary(*list, conversation_id);
  const int64_t newest = newest_seq(*c);
  const int64_t held = summary ? summary->read_seq : 0;
  int64_t& sent = messages_.read_sent[conversation_id];
  if (newest <= held || newest <= sent) return;
  sent = newest;
  send_command(CommandFrame{new_command_id(), std::string(kCmdConversationRead),
                            {{"conversation_id", conversation_id}, {"seq", newest}}});
}

bool App::send_message(const Id& conversation_id, std::string body, const Id& parent_id,
                       bool with_files) {
  body = trimmed(std::move(body));
  // The main composer's ready files go with its message (replies in a thread carry none).
  std::vector<Id> files;
  if (with_files && parent_id.empty()) {
    if (const std::string problem = attachments::problem(messages_.attachments); !problem.empty()) {
      show_toast(problem, true);
      return false;
    }
    for (const PendingUpload& p : messages_.attachments.pending)
      if (p.status == UploadStatus::Done) files.push_back(p.upload_id);
  }
  if ((body.empty() && files.empty()) || conversation_id.empty()) return false;
  if (body.size() > kMaxMessageBody) {
    show_toast("That message is too long (at most 8,000 characters).", true);
    return false;
  }
  Json payload = {{"conversation_id", conversation_id}, {"body", body}};
  if (!parent_id.empty()) payload["parent_id"] = parent_id;
  if (!files.empty()) {
    payload["attachments"] = files;
    attachments::clear(messages_.attachments);
    keep_draft_files();  // sent: no longer a draft's
  }
  CommandFrame cmd{new_command_id(), std::string(kCmdMessageSend), std::move(payload)};
  messages_.outgoing.push_back(outgoing_of(cmd, now_ms_));
  messages_.stick_bottom = true;
  messages_.typing_sent_ms = -1e9;  // the next keystroke says "typing" again
  send_command(std::move(cmd));
  return true;
}

void App::retry_message(const std::string& command_id) {
  auto out = std::find_if(messages_.outgoing.begin(), messages_.outgoing.end(),
                          [&](const OutgoingMessage& o) { return o.command_id == command_id; });
  if (out == messages_.outgoing.end() || out->error.empty()) return;
  // A new id: the refused one is answered for good.
  CommandFrame cmd{new_command_id(), std::string(kCmdMessageSend), out->payload};
  out->command_id = cmd.id;
  out->error.clear();
  out->sent_ms = now_ms_;
  messages_.stick_bottom = true;
  send_command(std::move(cmd));
}

void App::discard_message(const std::string& command_id) {
  std::erase_if(messages_.outgoing, [&](const OutgoingMessage& o) {
    return o.command_id == command_id && !o.error.empty();
  });
  save_outbox();
  mark_dirty();
}

void App::edit_message(const Id& message_id, std::string body) {
  body = trimmed(std::move(body));
  messages_.editing.clear();
  if (body.empty()) return;
  send_command(CommandFrame{new_command_id(), std::string(kCmdMessageEdit),
                            {{"message_id", message_id}, {"body", std::move(body)}}});
}

void App::delete_message(const Id& message_id) {
  send_command(CommandFrame{new_command_id(), std::string(kCmdMessageDelete),
                            {{"message_id", message_id}}});
}

void App::load_older(const Id& conversation_id) {
  const ConversationState* c = replica_.conversation(conversation_room(conversation_id));
  if (!c || !c->has_older || messages_.history_pending.count(conversation_id)) return;
  const int64_t before = c->messages.empty() ? newest_seq(*c) + 1 : c->messages.front().seq;
  CommandFrame cmd{new_command_id(), std::string(kCmdMessagesHistory),
                   {{"conversation_id", conversation_id}, {"before_seq", before}, {"limit", 30}}};
  messages_.history_pending[conversation_id] = cmd.id;
  send_command(std::move(cmd));
}

void App::search_messages() {
  const std::string query = trimmed(messages_.search);
  if (query.empty()) {
    messages_.search_query.clear();
    messages_.search_results.clear();
    messages_.search_pending.clear();
    return;
  }
  if (!fts_match_expression(query)) {
    show_toast("Type a word to search for.", true);
    return;
  }
  CommandFrame cmd{new_command_id(), std::string(kCmdMessagesSearch),
                   {{"query", query}, {"limit", 30}}};
  messages_.search_pending = cmd.id;
  messages_.search_query = query;
  send_command(std::move(cmd));
}

void App::open_new_message() {
  NewMessageUi& f = messages_.new_message;
  f = NewMessageUi();
  f.request_open = true;
  f.asked = "\x01";  // nothing asked yet: the empty query goes out at once
  ask_people();
  mark_dirty();
}

void App::ask_people() {
  NewMessageUi& f = messages_.new_message;
  const std::string query = trimmed(f.query);
  if (query == f.asked || !f.people_pending.empty() || !conn_.is_open()) return;
  CommandFrame cmd{
      new_command_id(), std::string(kCmdMessagesPeople), {{"query", query}, {"limit", 20}}};
  f.people_pending = cmd.id;
  f.asked = query;
  send_command(std::move(cmd));
}

void App::start_conversation() {
  NewMessageUi& f = messages_.new_message;
  if (!f.create_pending.empty()) return;
  f.error.clear();
  f.errors.clear();
  Json payload;
  if (f.channel) {
    // Checked here as the server will (the shared rule), so a missing field says so at once.
    Conversation probe;
    probe.kind = ConversationKind::Topic;
    probe.org_id = f.partner;
    probe.title = trimmed(f.title);
    probe.member_ids = {session_ ? session_->user.id : Id()};
    f.errors = validate_conversation(probe);
    if (f.partner.empty()) {
      std::erase_if(f.errors, [](const FieldError& e) { return e.field == "org_id"; });
      f.errors.push_back({"org_id", "Choose the partner the channel is for."});
    }
    if (!f.errors.empty()) return;
    payload = {{"kind", "topic"}, {"org_id", f.partner}, {"title", probe.title}};
  } else {
    if (f.chosen.empty()) {
      f.error = "Choose whom to write to.";
      return;
    }
    payload = {{"kind", "direct"}, {"user_id", f.chosen}};
  }
  CommandFrame cmd{new_command_id(), std::string(kCmdConversationCreate), std::move(payload)};
  f.create_pending = cmd.id;
  send_command(std::move(cmd));
}

void App::note_typing(const Id& conversation_id) {
  // A signal, not a command worth resending: it goes out only while connected.
  if (!conn_.is_open() || !session_) return;
  if (messages_.typing_conversation == conversation_id &&
      now_ms_ - messages_.typing_sent_ms < kTypingSendEveryMs)
    return;
  messages_.typing_conversation = conversation_id;
  messages_.typing_sent_ms = now_ms_;
  conn_.send(CommandFrame{new_command_id(), std::string(kCmdTyping),
                          {{"conversation_id", conversation_id}}});
}

void App::bind_draft(DraftBuffer& box, const std::string& key) {
  if (box.key == key) return;
  keep_draft(box);
  // One box per draft: another box holding it lets go (its latest text kept first).
  for (DraftBuffer* other : messages_.draft_boxes())
    if (other != &box && other->key == key) {
      keep_draft(*other);
      other->key.clear();
      other->text[0] = '\0';
    }
  const auto kept = messages_.drafts.find(key);
  std::snprintf(box.text, sizeof(box.text), "%s",
                kept == messages_.drafts.end() ? "" : kept->second.c_str());
  box.key = key;
}

void App::keep_draft(const DraftBuffer& box) {
  if (!session_ || box.key.empty()) return;
  const std::string& key = box.key;
  const std::string text = box.text;
  const auto held = messages_.drafts.find(key);
  if (held == messages_.drafts.end() ? text.empty() : held->second == text) return;
  if (text.empty())
    messages_.drafts.erase(key);
  else
    messages_.drafts[key] = text;
  write_draft_entry("drafts", key, text.empty() ? Json() : Json(text));
}

void App::keep_draft_files() {
  if (!session_ || messages_.attachments.edits == messages_.saved_files_edits) return;
  messages_.saved_files_edits = messages_.attachments.edits;
  std::map<Id, std::string> now;
  for (const auto& [conv, files] : attachments::done_by_conversation(messages_.attachments)) {
    Json list = Json::array();
    for (const PendingUpload* p : files)
      list.push_back({{"upload_id", p->upload_id},
                      {"name", p->name},
                      {"size", p->size},
                      {"content_type", p->content_type}});
    now[conv] = list.dump();
  }
  if (now == messages_.saved_files) return;
  // Only the conversations whose files changed in this tab: another tab keeps its own.
  for (const auto& [conv, list] : now) {
    const auto was = messages_.saved_files.find(conv);
    if (was == messages_.saved_files.end() || was->second != list)
      write_draft_entry("files", conv, Json::parse(list));
  }
  for (const auto& [conv, list] : messages_.saved_files)
    if (!now.contains(conv)) write_draft_entry("files", conv, Json());
  messages_.saved_files = std::move(now);
}

void App::write_draft_entry(const char* section, const std::string& key, const Json& value) {
  // Another tab may have written other entries meanwhile: change only this one.
  Json saved = Json::parse(browser::local_get(kDraftsKey), nullptr, false);
  if (!saved.is_object() || saved.value("user", "") != session_->user.id)
    saved = Json{{"user", session_->user.id}};
  for (const char* s : {"drafts", "files"})
    if (!saved.value(s, Json()).is_object()) saved[s] = Json::object();
  if (value.is_null())
    saved[section].erase(key);
  else
    saved[section][key] = value;
  if (saved["drafts"].empty() && saved["files"].empty())
    browser::local_remove(kDraftsKey);
  else
    browser::local_set(kDraftsKey, saved.dump());
}

void App::restore_drafts(const Id& user) {
  messages_.drafts.clear();
  messages_.saved_files.clear();
  const Json saved = Json::parse(browser::local_get(kDraftsKey), nullptr, false);
  if (!saved.is_object() || saved.value("user", "") != user) {
    browser::local_remove(kDraftsKey);  // another user's: not shown to this one
    return;
  }
  const Json drafts = saved.value("drafts", Json::object());
  for (const auto& [conv, text] : drafts.items())
    if (text.is_string() && !text.get<std::string>().empty() &&
        text.get<std::string>().size() <= kMaxMessageBody)
      messages_.drafts[conv] = text.get<std::string>();
  // A draft's finished uploads come back as its files (the server still checks, at the send,
  // that each is the user's and not yet in a message).
  const Json files = saved.value("files", Json::object());
  auto text_of = [](const Json& f, const char* k, size_t max) {
    const Json v = f.value(k, Json());
    return v.is_string() && v.get<std::string>().size() <= max ? v.get<std::string>() : "";
  };
  for (const auto& [conv, list] : files.items()) {
    if (!list.is_array()) continue;
    Json kept = Json::array();
    for (const Json& f : list) {
      if (!f.is_object() || kept.size() >= kMaxAttachments) continue;
      PendingUpload p;
      p.upload_id = text_of(f, "upload_id", 64);
      p.name = text_of(f, "name", 255);
      p.content_type = text_of(f, "content_type", 255);
      const Json size = f.value("size", Json());
      if (p.upload_id.empty() || p.name.empty() || !size.is_number_integer() ||
          size.get<int64_t>() < 0)
        continue;
      p.size = size.get<int64_t>();
      kept.push_back({{"upload_id", p.upload_id},
                      {"name", p.name},
                      {"size", p.size},
                      {"content_type", p.content_type}});
      attachments::adopt(messages_.attachments, conv, std::move(p));
    }
    if (!kept.empty()) messages_.saved_files[conv] = kept.dump();
  }
  messages_.saved_files_edits = messages_.attachments.edits;
}

void App::prune_drafts() {
  const MessagesState* list = replica_.messages();
  if (!session_ || !list) return;
  // A conversation the user no longer has (taken out of it, or it was removed): its drafts
  // cannot be sent, so they leave the browser's storage (the boxes' own keys stay: just opened).
  auto gone = [&](const std::string& key) {
    const Id conv = key.substr(0, key.find('/'));
    for (const DraftBuffer* box : messages_.draft_boxes())
      if (box->key == key) return false;
    return !find_summary(*list, conv);
  };
  std::vector<std::string> stale;
  for (const auto& [key, text] : messages_.drafts)
    if (gone(key)) stale.push_back(key);
  for (const std::string& key : stale) {
    messages_.drafts.erase(key);
    write_draft_entry("drafts", key, Json());
  }
  AttachmentsUi& files = messages_.attachments;
  std::vector<int> slots;
  for (const auto& [slot, conv] : files.owner)
    if (gone(conv) && conv != files.conversation) slots.push_back(slot);
  for (int slot : slots) attachments::remove(files, slot);  // keep_draft_files() updates storage
}

void App::forget_drafts() {
  browser::local_remove(kDraftsKey);
}

bool App::messages_tick(double now_ms) {
  bool dirty = false;
  // The composers' texts are kept once a second while they change, so a closed tab keeps them.
  if (now_ms >= messages_.next_draft_save_ms) {
    messages_.next_draft_save_ms = now_ms + kDraftSaveEveryMs;
    for (const DraftBuffer* box : messages_.draft_boxes()) keep_draft(*box);
    prune_drafts();
  }
  keep_draft_files();  // at once: an upload that finished is worth keeping
  for (auto& [conv, list] : messages_.typing) {
    const size_t before = list.size();
    std::erase_if(list, [&](const TypingSignal& t) { return t.until_ms <= now_ms; });
    if (list.size() != before) dirty = true;
  }
  // The tab's visibility is the "away" signal; checked twice a second without drawing.
  if (session_ && conn_.is_open() && now_ms >= messages_.next_visibility_check_ms) {
    messages_.next_visibility_check_ms = now_ms + kVisibilityCheckMs;
    const bool hidden = pp_js_document_hidden() != 0;
    if (hidden != messages_.away && replica_.messages()) {
      messages_.away = hidden;
      conn_.send(CommandFrame{new_command_id(), std::string(kCmdPresenceSet),
                              {{"status", hidden ? "away" : "online"}}});
      if (!hidden && room_ == "messages" && !messages_.open.empty()) mark_read(messages_.open);
      dirty = true;
    }
  }
  return dirty;
}

void App::on_messages_signal(const EventFrame& e) {
  if (e.type == kEvTyping) {
    const Id conv = e.data.value("conversation_id", "");
    const Id user = e.data.value("user_id", "");
    if (conv.empty() || user.empty() || (session_ && user == session_->user.id)) return;
    auto& list = messages_.typing[conv];
    std::erase_if(list, [&](const TypingSignal& t) { return t.user_id == user; });
    list.push_back(TypingSignal{user, e.data.value("name", ""), now_ms_ + kTypingShownMs});
    return;
  }
  // A new message counts once: a signal the snapshot already held changes nothing.
  if (replica_.on_signal(e) && e.type == kEvConversationMessage) announce_message(e);
}

void App::on_messages_event(const EventFrame& e) {
  if (e.type == kEvMessageSent) {
    // Our own message is stored: its "Sending…" echo goes.
    const std::string client_id = e.data.value("client_id", "");
    std::erase_if(messages_.outgoing,
                  [&](const OutgoingMessage& o) { return o.command_id == client_id; });
    const Id author = e.data.value("message", Json::object()).value("author_id", "");
    auto typing = messages_.typing.find(conversation_of_room(e.room));
    if (typing != messages_.typing.end())
      std::erase_if(typing->second, [&](const TypingSignal& t) { return t.user_id == author; });
    const Id conv = conversation_of_room(e.room);
    if (room_ == "messages" && conv == messages_.open) mark_read(conv);
    return;
  }
}

void App::announce_message(const EventFrame& e) {
  if (!session_) return;
  auto message = message_from_json(e.data.value("message", Json()));
  if (!message || message->author_id == session_->user.id || message->deleted || message->edited)
    return;
  // Only a new message (the newest of its conversation) is news.
  const MessagesState* list = replica_.messages();
  const ConversationSummary* summary = list ? find_summary(*list, message->conversation_id) : nullptr;
  if (!summary || !summary->last || summary->last->id != message->id) return;
  const bool hidden = pp_js_document_hidden() != 0;
  const bool looking = !hidden && room_ == "messages" && messages_.open == message->conversation_id;
  if (looking) return;
  const std::string author = e.data.value("author_name", "");
  std::string preview = message->body.substr(0, 120);
  if (message->body.size() > 120) preview += "\xe2\x80\xa6";
  const std::string where = summary->conversation.kind == ConversationKind::Topic
                                ? author + " in " + summary->title
                                : author;
  messages_.notices.push_back(where + ": " + preview);
  if (messages_.notices.size() > kMaxNotices) messages_.notices.erase(messages_.notices.begin());
  if (hidden) {
    ++messages_.browser_notifications;
    pp_js_notify(where.c_str(), preview.c_str());
  } else {
    show_toast("New message from " + where);
  }
}

void App::on_messages_ack(const AckFrame& a) {
  // A send acknowledged after a reconnect may have had its event replayed first; either way
  // the echo goes once the stored message is in the room.
  for (auto it = messages_.history_pending.begin(); it != messages_.history_pending.end(); ++it) {
    if (it->second != a.id) continue;
    const Id conv = it->first;
    messages_.history_pending.erase(it);
    ConversationState* c = replica_.conversation_mut(conversation_room(conv));
    if (!c) return;
    std::vector<Message> page;
    for (const Json& m : a.result.value("messages", Json::array()))
      if (auto msg = message_from_json(m)) page.push_back(std::move(*msg));
    merge_older(*c, std::move(page), a.result.value("has_older", false));
    return;
  }
  NewMessageUi& f = messages_.new_message;
  if (!a.id.empty() && a.id == f.people_pending) {
    f.people_pending.clear();
    f.people.clear();
    f.answered = true;
    for (const Json& p : a.result.value("people", Json::array()))
      if (p.is_object())
        f.people.push_back(PersonChoice{p.value("id", ""), p.value("name", ""),
                                        p.value("org_name", ""), p.value("vendor", false)});
    // The choice stays while its person is still listed.
    if (std::none_of(f.people.begin(), f.people.end(),
                     [&](const PersonChoice& p) { return p.id == f.chosen; }))
      f.chosen.clear();
    if (f.people.size() == 1) f.chosen = f.people.front().id;
    return;
  }
  if (!a.id.empty() && a.id == f.create_pending) {
    f.create_pending.clear();
    f.request_close = true;
    messages_.support_view = false;
    open_conversation(a.result.value("conversation_id", ""));
    return;
  }
  if (a.id == messages_.search_pending) {
    messages_.search_pending.clear();
    messages_.search_results.clear();
    for (const Json& m : a.result.value("results", Json::array()))
      if (auto msg = message_from_json(m)) messages_.search_results.push_back(std::move(*msg));
    return;
  }
  auto out = std::find_if(messages_.outgoing.begin(), messages_.outgoing.end(),
                          [&](const OutgoingMessage& o) { return o.command_id == a.id; });
  if (out != messages_.outgoing.end()) {
    const std::string room = conversation_room(out->conversation_id);
    const ConversationState* c = replica_.conversation(room);
    const Id id = a.result.value("message_id", "");
    // Held already (the event came first), or the room is not followed: nothing to wait for.
    if (!c || find_message(*c, id) || a.result.value("seq", int64_t{0}) <= newest_seq(*c))
      messages_.outgoing.erase(out);
    else
      out->message_id = id;
  }
}

std::string App::outbox_key() {
  if (tab_id_.empty()) tab_id_ = new_command_id();
  return std::string(kOutboxPrefix) + "." + tab_id_;
}

void App::save_outbox() {
  if (!session_) return;
  Json commands = Json::array();
  for (const Unacked& u : unacked_)
    if (u.cmd.type == kCmdMessageSend && commands.size() < kMaxOutbox)
      commands.push_back(encode(ClientFrame{u.cmd}));
  // Refused messages stay until the user retries or discards them, also across tabs.
  Json failed = Json::array();
  for (const OutgoingMessage& o : messages_.outgoing)
    if (!o.error.empty() && failed.size() < kMaxOutbox)
      failed.push_back({{"command", encode(ClientFrame{CommandFrame{
                                        o.command_id, std::string(kCmdMessageSend), o.payload}})},
                        {"error", o.error}});
  const std::string text =
      commands.empty() && failed.empty()
          ? ""
          : Json{{"user", session_->user.id}, {"commands", commands}, {"failed", failed}}.dump();
  if (text == saved_outbox_) return;
  saved_outbox_ = text;
  const std::string key = outbox_key();
  if (text.empty())
    browser::local_remove(key.c_str());
  else
    browser::local_set(key.c_str(), text);
}

void App::restore_outbox(const Id& user) {
  const std::string own = outbox_key();
  auto held = [&](const std::string& id) {
    return std::any_of(unacked_.begin(), unacked_.end(),
                       [&](const Unacked& u) { return u.cmd.id == id; }) ||
           std::any_of(messages_.outgoing.begin(), messages_.outgoing.end(),
                       [&](const OutgoingMessage& o) { return o.command_id == id; });
  };
  std::vector<std::string> taken;
  // This tab's own key too: it still holds what was unsent when a session ended.
  for (const std::string& key : browser::local_keys(kOutboxPrefix)) {
    if (key != own) taken.push_back(key);
    const Json saved = Json::parse(browser::local_get(key.c_str()), nullptr, false);
    // Another user's, or unreadable: dropped, never sent in this user's name.
    if (!saved.is_object() || saved.value("user", "") != user) continue;
    for (const Json& text : saved.value("commands", Json::array())) {
      auto cmd = kept_send(text);
      if (!cmd || held(cmd->id)) continue;
      messages_.outgoing.push_back(outgoing_of(*cmd, now_ms_));
      unacked_.push_back(Unacked{std::move(*cmd), now_ms_});
    }
    for (const Json& entry : saved.value("failed", Json::array())) {
      if (!entry.is_object()) continue;
      auto cmd = kept_send(entry.value("command", Json()));
      const std::string error = entry.value("error", "");
      if (!cmd || error.empty() || held(cmd->id)) continue;
      OutgoingMessage o = outgoing_of(*cmd, now_ms_);
      o.error = error;
      messages_.outgoing.push_back(std::move(o));
    }
  }
  // Written under this tab's key before the others go, so a closed tab loses nothing between.
  saved_outbox_ = "?";  // what storage holds under the key is not known here: write it
  save_outbox();
  for (const std::string& key : taken) browser::local_remove(key.c_str());
}

void App::forget_outbox() {
  // Log-out: this user's unsent messages go from every tab's key, as the session does.
  for (const std::string& key : browser::local_keys(kOutboxPrefix))
    browser::local_remove(key.c_str());
  saved_outbox_.clear();
}

bool App::on_messages_error(const std::string& id, const Error& err) {
  if (id == messages_.search_pending) messages_.search_pending.clear();
  NewMessageUi& f = messages_.new_message;
  if (id == f.people_pending || id == f.create_pending) {
    // Shown in the modal, not as a toast: by its field for a channel's, else above the form.
    const bool fields = id == f.create_pending && f.channel && !err.fields.empty();
    f.people_pending.clear();
    f.create_pending.clear();
    if (fields)
      f.errors = err.fields;
    else
      f.error = err.fields.empty() || err.fields.front().message.empty()
                    ? err.message
                    : err.fields.front().message;
    return true;
  }
  for (auto it = messages_.history_pending.begin(); it != messages_.history_pending.end(); ++it)
    if (it->second == id) {
      messages_.history_pending.erase(it);
      return false;
    }
  auto out = std::find_if(messages_.outgoing.begin(), messages_.outgoing.end(),
                          [&](const OutgoingMessage& o) { return o.command_id == id; });
  if (out == messages_.outgoing.end()) return false;
  // The message stays where it was written, marked, with what the server said.
  out->error = err.message.empty() ? "The server did not take it." : err.message;
  if (!err.fields.empty() && !err.fields.front().message.empty())
    out->error = err.fields.front().message;
  save_outbox();
  show_toast("Your message was not sent: " + out->error, true);
  return true;
}

}  // namespace portal::client

namespace portal::client {

std::string messages_hook_state(const App& app, std::string_view name) {
  const MessagesUi& ui = app.messages_ui();
  if (name == "messages") {
    const MessagesState* s = app.replica().messages();
    return s ? to_json(*s).dump() : "null";
  }
  if (name == "conversation") {
    const ConversationState* c = app.replica().conversation(conversation_room(ui.open));
    if (!c || !app.session()) return "null";
    Json messages = Json::array();
    for (const Message& m : c->messages) messages.push_back(to_json(m));
    Json outgoing = Json::array(), failed = Json::array();
    for (const OutgoingMessage& o : ui.outgoing) {
      if (o.conversation_id != ui.open) continue;
      if (!o.error.empty())
        failed.push_back({{"body", o.body}, {"error", o.error}});
      else if (o.message_id.empty() || !find_message(*c, o.message_id))
        outgoing.push_back(o.body);
    }
    Json typing = Json::array();
    if (auto it = ui.typing.find(ui.open); it != ui.typing.end())
      for (const TypingSignal& t : it->second) typing.push_back(t.name);
    Json seen = Json::array();
    const Id me = app.session()->user.id;
    for (auto it = c->messages.rbegin(); it != c->messages.rend(); ++it) {
      if (!it->parent_id.empty()) continue;
      if (it->author_id == me)
        for (const Person* p : seen_by(*c, it->seq, me)) seen.push_back(p->name);
      break;
    }
    return Json{{"id", c->conversation.id}, {"title", c->title},         {"messages", messages},
                {"outgoing", outgoing},     {"failed", failed},          {"typing", typing},
                {"seen_by", seen},          {"has_older", c->has_older}, {"thread", ui.thread},
                {"editing", ui.editing}}
        .dump();
  }
  if (name == "attachments") {
    Json pending = Json::array();
    for (const PendingUpload& p : ui.attachments.pending)
      pending.push_back({{"name", p.name},
                         {"size", p.size},
                         {"sent", p.sent},
                         {"status", p.status == UploadStatus::Done     ? "done"
                                    : p.status == UploadStatus::Failed ? "failed"
                                                                       : "uploading"},
                         {"upload_id", p.upload_id},
                         {"error", p.error}});
    return Json{{"pending", pending},
                {"problem", attachments::problem(ui.attachments)},
                {"images_ready", attachments::images_ready()}}
        .dump();
  }
  if (name == "messages_ui") {
    Json results = Json::array();
    for (const Message& m : ui.search_results) results.push_back(to_json(m));
    return Json{{"open", ui.open},
                {"draft", std::string(ui.draft.text)},
                {"thread_draft", std::string(ui.thread_draft.text)},
                // The support view's composers: whose draft each holds, and its text.
                {"columns",
                 [&] {
                   Json columns = Json::array();
                   for (const DraftBuffer& d : ui.column_drafts)
                     columns.push_back({{"key", d.key}, {"draft", std::string(d.text)}});
                   return columns;
                 }()},
                // The support view's queue: how many wait for an answer, and the conversations
                // after the columns, in order.
                {"queue",
                 [&] {
                   Json next = Json::array();
                   size_t waiting = 0;
                   if (const MessagesState* list = app.replica().messages()) {
                     const auto queue = support_queue(*list);
                     for (size_t i = 0; i < queue.size(); ++i) {
                       waiting += queue[i]->awaiting_reply ? 1 : 0;
                       if (i >= kSupportColumns) next.push_back(queue[i]->title);
                     }
                   }
                   return Json{{"waiting", waiting}, {"next", next}};
                 }()},
                // The "New message" modal: whom its list shows (for the query asked), and
                // who is chosen.
                {"new_message",
                 [&] {
                   const NewMessageUi& f = ui.new_message;
                   Json people = Json::array();
                   std::string chosen;
                   for (const PersonChoice& p : f.people) {
                     people.push_back(p.name);
                     if (p.id == f.chosen) chosen = p.name;
                   }
                   return Json{{"open", f.open || f.request_open},
                               {"asked", f.answered ? f.asked : std::string()},
                               {"busy", !f.people_pending.empty() || !f.create_pending.empty()},
                               {"people", people},
                               {"chosen", chosen},
                               {"channel", f.channel},
                               {"partner", f.partner_name},
                               {"errors",
                                [&] {
                                  Json errors = Json::object();
                                  for (const FieldError& e : f.errors) errors[e.field] = e.message;
                                  return errors;
                                }()},
                               {"error", f.error}};
                 }()},
                {"search_query", ui.search_query},
                {"search_pending", !ui.search_pending.empty()},
                {"search_results", results},
                {"notices", ui.notices},
                {"browser_notifications", ui.browser_notifications},
                {"support_view", ui.support_view},
                {"away", ui.away}}
        .dump();
  }
  return "null";
}

}  // namespace portal::client
