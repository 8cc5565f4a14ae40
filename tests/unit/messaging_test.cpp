#include "portal/model/messaging.h"

#include <gtest/gtest.h>

#include "entity_cases.h"

namespace portal {
namespace {

using testing::expect_round_trip;
using testing::expect_validation;
using testing::InvalidCase;

Message msg(int64_t seq, const char* author, const char* parent = "", bool deleted = false) {
  Message m;
  m.id = "m-" + std::to_string(seq);
  m.conversation_id = "c-1";
  m.seq = seq;
  m.author_id = author;
  m.body = deleted ? "" : "Hello";
  m.parent_id = parent;
  m.sent_at = 1'775'001'600 + seq;
  m.deleted = deleted;
  return m;
}

Conversation channel() {
  return Conversation{"c-1",
                      "org-acme",
                      ConversationKind::Topic,
                      "Globex rollout",
                      {"u-mara", "u-jonas", "u-dana"},
                      "u-mara",
                      1'775'001'600,
                      false};
}

TEST(Unread, CountsOthersMessagesAfterTheLastRead) {
  const Message messages[] = {msg(1, "u-mara"),           msg(2, "u-jonas"), msg(3, "u-mara"),
                              msg(4, "u-mara", "", true), msg(5, "u-dana"),  msg(6, "u-jonas")};
  EXPECT_EQ(unread_count(messages, 0, "u-jonas"), 3);  // 1, 3, 5 (4 is deleted)
  EXPECT_EQ(unread_count(messages, 3, "u-jonas"), 1);
  EXPECT_EQ(unread_count(messages, 6, "u-jonas"), 0);
  EXPECT_EQ(unread_count(messages, seq_of(messages, "m-2"), "u-mara"), 2);  // 5, 6
  EXPECT_EQ(seq_of(messages, "m-unknown"), 0);
}

TEST(Threads, RepliesInSeqOrder) {
  const Message messages[] = {msg(1, "u-mara"), msg(4, "u-dana", "m-1"), msg(2, "u-jonas", "m-1"),
                              msg(3, "u-jonas")};
  const auto replies = thread_of(messages, "m-1");
  ASSERT_EQ(replies.size(), 2u);
  EXPECT_EQ(replies[0]->seq, 2);
  EXPECT_EQ(replies[1]->seq, 4);
  EXPECT_TRUE(thread_of(messages, "").empty());
}

TEST(Conversations, Membership) {
  EXPECT_TRUE(is_member(channel(), "u-dana"));
  EXPECT_FALSE(is_member(channel(), "u-other"));
}

TEST(MessagingValidation, Conversation) {
  expect_validation(
      channel(), validate_conversation,
      {InvalidCase<Conversation>{"no org", [](auto& c) { c.org_id = ""; }, "org_id"},
       {"channel without name", [](auto& c) { c.title = ""; }, "title"},
       {"direct with name",
        [](auto& c) {
          c.kind = ConversationKind::Direct;
          c.member_ids.pop_back();
        },
        "title"},
       {"direct with three",
        [](auto& c) {
          c.kind = ConversationKind::Direct;
          c.title = "";
        },
        "member_ids"},
       {"no members", [](auto& c) { c.member_ids.clear(); }, "member_ids"},
       {"member twice", [](auto& c) { c.member_ids.push_back("u-mara"); }, "member_ids"},
       {"bad creator", [](auto& c) { c.created_by = "a b"; }, "created_by"},
       {"negative date", [](auto& c) { c.created_at = -1; }, "created_at"}});
}

TEST(MessagingValidation, Message) {
  Message good = msg(7, "u-jonas", "m-1");
  good.attachment_ids = {"f-1"};
  good.edited = true;
  good.edited_at = good.sent_at + 60;
  expect_validation(
      good, validate_message,
      {InvalidCase<Message>{"no conversation", [](auto& m) { m.conversation_id = ""; },
                            "conversation_id"},
       {"negative seq", [](auto& m) { m.seq = -1; }, "seq"},
       {"bad author", [](auto& m) { m.author_id = "a b"; }, "author_id"},
       {"empty without attachment",
        [](auto& m) {
          m.body = "";
          m.attachment_ids.clear();
        },
        "body"},
       {"too long", [](auto& m) { m.body = std::string(kMaxMessageBody + 1, 'x'); }, "body"},
       {"deleted with text", [](auto& m) { m.deleted = true; }, "body"},
       {"reply to itself", [](auto& m) { m.parent_id = m.id; }, "parent_id"},
       {"too many attachments", [](auto& m) { m.attachment_ids.assign(kMaxAttachments + 1, "f"); },
        "attachment_ids"},
       {"negative sent", [](auto& m) { m.sent_at = -1; }, "sent_at"},
       {"edited without date", [](auto& m) { m.edited_at = 0; }, "edited_at"},
       {"edit date, not edited", [](auto& m) { m.edited = false; }, "edited_at"}});
  Message only_file = msg(8, "u-jonas");
  only_file.body = "";
  only_file.attachment_ids = {"f-2"};
  EXPECT_TRUE(validate_message(only_file).empty());
  EXPECT_TRUE(validate_message(msg(9, "u-jonas", "", true)).empty());
}

TEST(MessagingValidation, ReadMarker) {
  expect_validation(
      ReadMarker{"c-1", "u-jonas", 6, 1'775'001'700}, validate_read_marker,
      {InvalidCase<ReadMarker>{"no conversation", [](auto& r) { r.conversation_id = ""; },
                               "conversation_id"},
       {"no user", [](auto& r) { r.user_id = ""; }, "user_id"},
       {"negative seq", [](auto& r) { r.last_read_seq = -1; }, "last_read_seq"},
       {"negative date", [](auto& r) { r.read_at = -1; }, "read_at"}});
}

TEST(MessagingCodecs, RoundTrip) {
  expect_round_trip(channel(), conversation_from_json);
  Message m = msg(3, "u-jonas", "m-1");
  m.attachment_ids = {"f-1", "f-2"};
  m.edited = true;
  m.edited_at = 99;
  expect_round_trip(m, message_from_json);
  expect_round_trip(msg(4, "u-mara", "", true), message_from_json);
  expect_round_trip(ReadMarker{"c", "u", 5, 6}, read_marker_from_json);
}

}  // namespace
}  // namespace portal
