#include "app/messages_builder.h"

namespace portal::server {
namespace {

constexpr std::string_view kUserPrefix = "user:";
constexpr std::string_view kListSuffix = "/messages";

}  // namespace

std::string messages_room_key(const Id& user_id) {
  return std::string(kUserPrefix) + user_id + std::string(kListSuffix);
}

Id user_of_messages_room(const std::string& room_key) {
  if (!room_key.starts_with(kUserPrefix) || !room_key.ends_with(kListSuffix)) return {};
  return room_key.substr(kUserPrefix.size(),
                         room_key.size() - kUserPrefix.size() - kListSuffix.size());
}

std::string conversation_title(const Conversation& c, const Id& viewer,
                               const std::vector<Person>& people) {
  if (c.kind == ConversationKind::Topic) return c.title;
  for (const Id& member : c.member_ids) {
    if (member == viewer) continue;
    if (const Person* p = find_person(people, member)) return p->name;
  }
  return "Direct message";
}

bool from_partner(const Message& m, const std::vector<Person>& people) {
  const Person* author = find_person(people, m.author_id);
  return author != nullptr && !author->vendor;
}

ConversationSummary make_summary(const ConversationListRow& row, const Id& viewer,
                                 const std::vector<Person>& people) {
  ConversationSummary s;
  s.conversation = row.conversation;
  s.title = conversation_title(row.conversation, viewer, people);
  s.org_name = row.org_name;
  s.last = row.last;
  if (row.last) {
    const Person* author = find_person(people, row.last->author_id);
    s.last_author = author ? author->name : std::string();
    s.awaiting_reply = from_partner(*row.last, people);
  }
  s.read_seq = row.read_seq;
  s.unread = row.unread;
  return s;
}

MessagesState build_messages(const MessagesInputs& in, const Id& viewer,
                             std::vector<PresenceEntry> presence) {
  MessagesState s;
  s.me = viewer;
  s.people = in.people;
  for (const ConversationListRow& row : in.rows)
    s.conversations.push_back(make_summary(row, viewer, in.people));
  std::stable_sort(s.conversations.begin(), s.conversations.end(),
                   [](const ConversationSummary& a, const ConversationSummary& b) {
                     const UnixTime ta = last_activity(a), tb = last_activity(b);
                     if (ta != tb) return ta > tb;
                     return a.conversation.id < b.conversation.id;
                   });
  std::erase_if(presence, [](const PresenceEntry& p) { return p.status == Presence::Offline; });
  s.presence = std::move(presence);
  return s;
}

ConversationState build_conversation(const ConversationInputs& in, const Id& viewer) {
  ConversationState s;
  s.conversation = in.conversation;
  s.title = conversation_title(in.conversation, viewer, in.people);
  s.people = in.people;
  s.messages = in.messages;
  s.reads = in.reads;
  s.has_older = in.has_older;
  return s;
}

}  // namespace portal::server
