// The Messages rooms' states: apply() of every event, the codecs round trip, paging, receipts,
// the support queue, the permission rules and the search expression builder.
#include <gtest/gtest.h>

#include "portal/protocol/messaging_commands.h"
#include "portal/protocol/model_codecs.h"
#include "portal/rooms/messages.h"
#include "portal/rules/permissions.h"

namespace portal {
namespace {

Message msg(int64_t seq, const Id& author, const std::string& body, UnixTime at = 0) {
  Message m;
  m.id = "m" + std::to_string(seq);
  m.conversation_id = "c1";
  m.seq = seq;
  m.author_id = author;
  m.body = body;
  m.sent_at = at ? at : 1000 + seq;
  return m;
}

ConversationState conversation() {
  ConversationState s;
  s.conversation.id = "c1";
  s.conversation.org_id = "acme";
  s.conversation.kind = ConversationKind::Topic;
  s.conversation.title = "General";
  s.conversation.member_ids = {"priya"};
  s.title = "General";
  s.people = {{"dana", "Dana Fischer", "acme", false}, {"priya", "Priya Shah", "vendor", true},
              {"leo", "Leo Martin", "acme", false}};
  s.messages = {msg(1, "dana", "hello"), msg(2, "priya", "hi")};
  return s;
}

TEST(ConversationRoom, SentAppendsOnceAndMovesTheAuthorsReadMarker) {
  ConversationState s = conversation();
  const Json data = {{"message", to_json(msg(3, "leo", "news"))}, {"author_name", "Leo Martin"}};
  EXPECT_TRUE(apply(s, kEvMessageSent, data));
  EXPECT_FALSE(apply(s, kEvMessageSent, data));  // the same message again changes nothing
  ASSERT_EQ(s.messages.size(), 3u);
  EXPECT_EQ(s.messages.back().body, "news");
  ASSERT_EQ(s.reads.size(), 1u);
  EXPECT_EQ(s.reads[0].user_id, "leo");
  EXPECT_EQ(s.reads[0].last_read_seq, 3);
}

TEST(ConversationRoom, EditAndDeleteReplaceTheMessageInPlace) {
  ConversationState s = conversation();
  Message edited = msg(1, "dana", "hello again");
  edited.edited = true;
  edited.edited_at = 2000;
  EXPECT_TRUE(apply(s, kEvMessageEdited, {{"message", to_json(edited)}}));
  EXPECT_EQ(s.messages[0], edited);
  Message gone = msg(2, "priya", "");
  gone.deleted = true;
  EXPECT_TRUE(apply(s, kEvMessageDeleted, {{"message", to_json(gone)}}));
  EXPECT_TRUE(s.messages[1].deleted);
  EXPECT_EQ(s.messages.size(), 2u);
  // Another conversation's message or a malformed event leaves the state alone.
  Message other = msg(9, "dana", "x");
  other.conversation_id = "c2";
  const ConversationState before = s;
  EXPECT_FALSE(apply(s, kEvMessageSent, {{"message", to_json(other)}, {"author_name", "D"}}));
  EXPECT_FALSE(apply(s, kEvMessageEdited, {{"message", 7}}));
  EXPECT_EQ(s, before);
}

TEST(ConversationRoom, ReceiptsOnlyMoveForwardAndNameWhoHasSeen) {
  ConversationState s = conversation();
  auto read = [&](const Id& user, int64_t seq) {
    return apply(s, kEvConversationRead,
                 {{"marker", to_json(ReadMarker{"c1", user, seq, 5000})}});
  };
  EXPECT_TRUE(read("leo", 2));
  EXPECT_TRUE(read("leo", 1));
  EXPECT_TRUE(read("priya", 2));
  EXPECT_EQ(s.reads[0].last_read_seq, 2);
  const auto seen = seen_by(s, 2, "priya");
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0]->name, "Leo Martin");
  EXPECT_TRUE(seen_by(s, 3, "priya").empty());
}

TEST(ConversationRoom, OlderPagesGoInFrontWithoutDuplicates) {
  ConversationState s = conversation();
  s.messages = {msg(5, "dana", "e"), msg(6, "dana", "f")};
  s.has_older = true;
  EXPECT_EQ(merge_older(s, {msg(4, "dana", "d"), msg(3, "leo", "c"), msg(5, "dana", "e")}, true), 2u);
  ASSERT_EQ(s.messages.size(), 4u);
  EXPECT_EQ(s.messages.front().seq, 3);
  EXPECT_EQ(s.messages[1].seq, 4);
  EXPECT_TRUE(s.has_older);
  EXPECT_EQ(merge_older(s, {msg(1, "dana", "a"), msg(2, "dana", "b")}, false), 2u);
  EXPECT_FALSE(s.has_older);
  EXPECT_EQ(newest_seq(s), 6);
}

TEST(ConversationRoom, SnapshotRoundTrips) {
  ConversationState s = conversation();
  s.reads = {{"c1", "dana", 1, 1500}};
  s.has_older = true;
  auto back = conversation_state_from_json(to_json(s));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, s);
  EXPECT_FALSE(conversation_state_from_json(Json{{"title", 3}}));
}

MessagesState list() {
  MessagesState s;
  s.me = "priya";
  s.people = {{"dana", "Dana Fischer", "acme", false}, {"priya", "Priya Shah", "vendor", true}};
  ConversationSummary a;
  a.conversation.id = "a";
  a.conversation.created_at = 100;
  a.title = "Acme";
  a.last = msg(2, "priya", "answered", 500);
  a.last->conversation_id = "a";
  ConversationSummary b;
  b.conversation.id = "b";
  b.conversation.created_at = 100;
  b.title = "Blue";
  b.last = msg(1, "maya", "question", 400);
  b.last->conversation_id = "b";
  b.awaiting_reply = true;
  b.unread = 1;
  s.conversations = {a, b};
  return s;
}

TEST(MessagesList, ActivityUpdatesPreviewUnreadAndOrder) {
  MessagesState s = list();
  Message m = msg(2, "maya", "any news?", 900);
  m.conversation_id = "b";
  EXPECT_TRUE(apply(s, kEvConversationActivity,
                    {{"conversation_id", "b"}, {"message", to_json(m)}, {"author_name", "Maya Chen"},
                     {"unread", 2}, {"from_partner", true}}));
  EXPECT_EQ(s.conversations.front().conversation.id, "b");  // newest activity first
  EXPECT_EQ(s.conversations.front().unread, 2);
  EXPECT_EQ(s.conversations.front().last_author, "Maya Chen");
  EXPECT_EQ(total_unread(s), 2);
  // My own message moves my read marker and answers the conversation.
  Message mine = msg(3, "priya", "on it", 950);
  mine.conversation_id = "b";
  EXPECT_TRUE(apply(s, kEvConversationActivity,
                    {{"conversation_id", "b"}, {"message", to_json(mine)}, {"author_name", "Priya Shah"},
                     {"unread", 0}, {"from_partner", false}}));
  EXPECT_EQ(find_summary(s, "b")->read_seq, 3);
  EXPECT_FALSE(find_summary(s, "b")->awaiting_reply);
  // An edit of an older message does not replace the preview.
  Message old = msg(1, "maya", "question (edited)", 400);
  old.conversation_id = "b";
  EXPECT_TRUE(apply(s, kEvConversationActivity,
                    {{"conversation_id", "b"}, {"message", to_json(old)}, {"author_name", "Maya Chen"},
                     {"unread", 0}}));
  EXPECT_EQ(find_summary(s, "b")->last->body, "on it");
  EXPECT_TRUE(apply(s, kEvConversationRead, {{"conversation_id", "a"}, {"last_read_seq", 2}, {"unread", 0}}));
  EXPECT_FALSE(apply(s, kEvConversationRead, {{"conversation_id", "zz"}, {"last_read_seq", 2}, {"unread", 0}}));
}

TEST(MessagesList, NewMessageSignalCountsUnreadOnceAndFollowsTheWriter) {
  MessagesState s = list();  // "b": last seq 1 from Maya, unread 1, read marker 0
  Message m = msg(2, "maya", "any news?", 900);
  m.conversation_id = "b";
  const Json signal = {{"conversation_id", "b"}, {"message", to_json(m)},
                       {"author_name", "Maya Chen"}, {"from_partner", true}};
  EXPECT_TRUE(apply(s, kEvConversationMessage, signal));
  EXPECT_EQ(s.conversations.front().conversation.id, "b");  // newest activity first
  EXPECT_EQ(find_summary(s, "b")->unread, 2);
  EXPECT_EQ(find_summary(s, "b")->last->body, "any news?");
  EXPECT_TRUE(find_summary(s, "b")->awaiting_reply);
  // Heard again (held behind a snapshot that already had it): not counted twice.
  EXPECT_FALSE(apply(s, kEvConversationMessage, signal));
  EXPECT_EQ(find_summary(s, "b")->unread, 2);
  // An older message arriving late changes nothing either.
  Message older = msg(1, "maya", "question", 400);
  older.conversation_id = "b";
  EXPECT_FALSE(apply(s, kEvConversationMessage,
                     {{"conversation_id", "b"}, {"message", to_json(older)},
                      {"author_name", "Maya Chen"}, {"from_partner", true}}));
  // My own message reads everything before it and answers the conversation.
  Message mine = msg(3, "priya", "on it", 950);
  mine.conversation_id = "b";
  EXPECT_TRUE(apply(s, kEvConversationMessage,
                    {{"conversation_id", "b"}, {"message", to_json(mine)},
                     {"author_name", "Priya Shah"}, {"from_partner", false}}));
  EXPECT_EQ(find_summary(s, "b")->unread, 0);
  EXPECT_EQ(find_summary(s, "b")->read_seq, 3);
  EXPECT_FALSE(find_summary(s, "b")->awaiting_reply);
  // An unknown conversation or a malformed signal changes nothing.
  EXPECT_FALSE(apply(s, kEvConversationMessage, {{"conversation_id", "zz"}, {"message", to_json(m)},
                                                 {"author_name", "Maya Chen"}}));
  EXPECT_FALSE(apply(s, kEvConversationMessage, {{"conversation_id", "b"}}));
}

TEST(MessagesList, PresenceAndAddedConversations) {
  MessagesState s = list();
  EXPECT_TRUE(apply(s, kEvPresence, {{"user_id", "dana"}, {"status", "online"}}));
  EXPECT_EQ(presence_of(s, "dana"), Presence::Online);
  EXPECT_TRUE(apply(s, kEvPresence, {{"user_id", "dana"}, {"status", "away"}}));
  EXPECT_EQ(presence_of(s, "dana"), Presence::Away);
  EXPECT_TRUE(apply(s, kEvPresence, {{"user_id", "dana"}, {"status", "offline"}}));
  EXPECT_EQ(presence_of(s, "dana"), Presence::Offline);
  EXPECT_TRUE(s.presence.empty());
  EXPECT_FALSE(apply(s, kEvPresence, {{"user_id", "dana"}, {"status", "busy"}}));

  ConversationSummary c;
  c.conversation.id = "new";
  c.conversation.created_at = 10'000;
  c.title = "Launch";
  EXPECT_TRUE(apply(s, kEvConversationAdded,
                    {{"summary", to_json(c)}, {"people", Json::array({to_json(Person{"omar", "Omar", "cedar", false})})}}));
  EXPECT_EQ(s.conversations.front().title, "Launch");
  EXPECT_TRUE(find_person(s.people, "omar"));
  auto back = messages_from_json(to_json(s));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, s);
}

TEST(MessagesList, SupportQueuePutsTheLongestWaitingFirst) {
  MessagesState s = list();
  ConversationSummary c = s.conversations[1];
  c.conversation.id = "c";
  c.last->sent_at = 300;  // waiting longer than b
  s.conversations.push_back(c);
  const auto q = support_queue(s);
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0]->conversation.id, "c");
  EXPECT_EQ(q[1]->conversation.id, "b");
  EXPECT_EQ(q[2]->conversation.id, "a");
}

TEST(MessagingRules, WhoSeesAConversationAndWhoChangesAMessage) {
  Conversation channel;
  channel.id = "c";
  channel.org_id = "acme";
  channel.kind = ConversationKind::Topic;
  channel.member_ids = {"priya"};
  Conversation dm = channel;
  dm.kind = ConversationKind::Direct;
  dm.member_ids = {"priya", "dana"};
  const Actor dana{"dana", "acme", Role::PartnerAdmin};
  const Actor leo{"leo", "acme", Role::PartnerUser};
  const Actor maya{"maya", "blue", Role::PartnerAdmin};
  const Actor priya{"priya", "vendor", Role::PartnerManager};
  const Actor sam{"sam", "vendor", Role::SupportStaff};
  const Actor kiosk{"k", "acme", Role::Kiosk};
  EXPECT_TRUE(may_see_conversation(dana, channel));
  EXPECT_TRUE(may_see_conversation(leo, channel));
  EXPECT_TRUE(may_see_conversation(priya, channel));
  EXPECT_FALSE(may_see_conversation(maya, channel));
  EXPECT_FALSE(may_see_conversation(sam, channel));  // vendor staff only where added
  EXPECT_FALSE(may_see_conversation(kiosk, channel));
  EXPECT_TRUE(may_see_conversation(dana, dm));
  EXPECT_FALSE(may_see_conversation(leo, dm));  // a direct message is for its two people
  Message m = msg(1, "dana", "x");
  EXPECT_TRUE(may_change_message(dana, m));
  EXPECT_FALSE(may_change_message(leo, m));
  m.deleted = true;
  EXPECT_FALSE(may_change_message(dana, m));
}

TEST(MessagingCommands, SearchTextNeverBecomesFtsSyntax) {
  EXPECT_EQ(fts_match_expression("sandbox"), "\"sandbox\"*");
  EXPECT_EQ(fts_match_expression("  Vireo  pilot! "), "\"Vireo\"* \"pilot\"*");
  EXPECT_EQ(fts_match_expression("a\" OR b NEAR(c"), "\"a\"* \"OR\"* \"b\"* \"NEAR\"* \"c\"*");
  EXPECT_EQ(fts_match_expression("Müller"), "\"Müller\"*");
  EXPECT_FALSE(fts_match_expression("\"*()-"));
  EXPECT_FALSE(fts_match_expression(""));
  EXPECT_EQ(conversation_of_room(conversation_room("abc")), "abc");
  EXPECT_EQ(conversation_of_room("messages"), "");
  EXPECT_TRUE(is_messaging_command("message.send"));
  EXPECT_FALSE(is_messaging_command("lead.submit"));
}

TEST(MessagingCommands, PayloadReadersRejectWrongTypes) {
  EXPECT_TRUE(send_payload_from_json({{"conversation_id", "c"}, {"body", "hi"}}));
  EXPECT_FALSE(send_payload_from_json({{"conversation_id", "c"}, {"body", 3}}));
  EXPECT_FALSE(send_payload_from_json({{"conversation_id", "c"}, {"body", "x"}, {"parent_id", 1}}));
  auto h = history_payload_from_json({{"conversation_id", "c"}, {"before_seq", 9}, {"limit", 100000}});
  ASSERT_TRUE(h);
  EXPECT_EQ(h->limit, kMaxHistoryPage);
  EXPECT_FALSE(read_payload_from_json({{"conversation_id", "c"}, {"seq", "4"}}));
  EXPECT_FALSE(create_payload_from_json({{"kind", "topic"}, {"member_ids", "x"}}));
}

}  // namespace
}  // namespace portal
