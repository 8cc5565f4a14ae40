// Group commit of messages in SqliteStore: message commands share one open transaction until
// the next sync. What a user relies on: every message the store took is there after the sync
// (and after a restart), a message that fails takes back only its own writes, a resend inside
// the batch is answered from its record, and a failure never leaves the writer stuck.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "failing_disk.h"
#include "store/sqlite_store.h"

namespace portal::server {
namespace {

namespace fs = std::filesystem;

const Id kConversation = "conv-1";
const Id kAuthor = "user-1";

class MessageBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("portal-batch-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    reopen();
    SeedData seed;
    seed.orgs.push_back(Organisation{"org-v", "Vendor", OrgKind::Vendor, "", 0, "EUR", 5});
    seed.users.push_back(SeedUser{
        UserRecord{User{kAuthor, "org-v", "a@vendor.example", "Ada", Role::VendorAdmin}, "x"}, 1});
    SeedConversation sc;
    sc.conversation.id = kConversation;
    sc.conversation.org_id = "org-v";
    sc.conversation.title = "general";
    sc.conversation.member_ids = {kAuthor};
    sc.conversation.created_by = kAuthor;
    sc.conversation.created_at = 1;
    sc.messages.push_back(message("seeded", 1));
    seed.conversations.push_back(sc);
    store_->seed(seed);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  void reopen() {
    store_.reset();  // closing syncs
    auto opened = SqliteStore::open(dir_);
    ASSERT_TRUE(opened.store) << opened.error;
    store_ = std::move(opened.store);
  }

  static Message message(const Id& id, int64_t seq) {
    Message m;
    m.id = id;
    m.conversation_id = kConversation;
    m.seq = seq;
    m.author_id = kAuthor;
    m.body = "body of " + id;
    m.sent_at = 100 + seq;
    return m;
  }

  CommandOutcome send(const std::string& command_id, const Message& m) {
    MessageChange change;
    change.message = m;
    change.new_message = true;
    return store_->apply_message_change(CommandKey{kAuthor, command_id}, change, {},
                                        {{"message_id", m.id}}, 200);
  }

  CommandOutcome change(const std::string& command_id, const Message& m) {
    MessageChange c;
    c.message = m;
    return store_->apply_message_change(CommandKey{kAuthor, command_id}, c, {}, {}, 200);
  }

  // How many messages a search for `word` finds.
  size_t found(const std::string& word) {
    return store_->search_messages(kAuthor, std::nullopt, "\"" + word + "\"", 10'000).size();
  }

  std::vector<std::string> stored_ids() {
    bool has_older = false;
    std::vector<std::string> ids;
    for (const Message& m : store_->messages_before(kConversation, 1000, 100, has_older))
      ids.push_back(m.id);
    return ids;
  }

  fs::path dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(MessageBatchTest, EveryMessageOfABatchIsStoredAfterTheSyncAndARestart) {
  send("c1", message("m1", 2));
  send("c2", message("m2", 3));
  send("c3", message("m3", 4));
  // Later messages of the batch see the earlier ones (the next seq counts them).
  EXPECT_EQ(store_->next_message_seq(kConversation), 5);
  store_->sync();
  reopen();
  EXPECT_EQ(stored_ids(), (std::vector<std::string>{"seeded", "m1", "m2", "m3"}));
  EXPECT_TRUE(store_->command_result(CommandKey{kAuthor, "c2"}));
}

TEST_F(MessageBatchTest, AFailedMessageTakesBackOnlyItsOwnWrites) {
  send("c1", message("m1", 2));
  // Same id as m1: the insert fails half way through this command.
  EXPECT_THROW(send("c2", message("m1", 3)), StoreError);
  send("c3", message("m3", 3));
  store_->sync();
  reopen();
  EXPECT_EQ(stored_ids(), (std::vector<std::string>{"seeded", "m1", "m3"}));
  EXPECT_EQ(found("body"), 3u);
  EXPECT_TRUE(store_->command_result(CommandKey{kAuthor, "c1"}));
  // Not recorded: the client's resend runs the command again.
  EXPECT_FALSE(store_->command_result(CommandKey{kAuthor, "c2"}));
}

TEST_F(MessageBatchTest, AFailureThatOpenedTheBatchLeavesTheWriterFree) {
  EXPECT_THROW(send("c1", message("seeded", 2)), StoreError);
  // An ordinary transaction and a new batch both start.
  store_->create_session("hash", kAuthor, 999'999);
  send("c2", message("m2", 2));
  store_->sync();
  reopen();
  EXPECT_EQ(stored_ids(), (std::vector<std::string>{"seeded", "m2"}));
  EXPECT_EQ(store_->session_user("hash", 1000), std::optional<Id>(kAuthor));
}

TEST_F(MessageBatchTest, AResendInsideTheBatchIsAnsweredFromItsRecord) {
  const CommandOutcome first = send("c1", message("m1", 2));
  const CommandOutcome again = send("c1", message("m1-again", 3));
  EXPECT_FALSE(first.replayed);
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.result, first.result);
  store_->sync();
  EXPECT_EQ(stored_ids(), (std::vector<std::string>{"seeded", "m1"}));
}

TEST_F(MessageBatchTest, TheLogIsCopiedIntoTheDatabaseAndStartsOverWhileMessagesKeepComing) {
  // 64 MiB of messages, synced as the durable queue does. Without checkpoints the log would
  // hold all of it; the checkpointer keeps it near its restart size (16 MiB) and the database
  // file takes the data while the store is open.
  const auto wal = dir_ / "portal.db-wal";
  const auto db = dir_ / "portal.db";
  const std::uintmax_t db_before = fs::file_size(db);
  std::uintmax_t largest_log = 0;
  int64_t seq = 2;
  for (int chunk = 0; chunk < 40; ++chunk) {
    for (int i = 0; i < 100; ++i, ++seq) {
      Message m = message("big-" + std::to_string(seq), seq);
      m.body.assign(16 * 1024, static_cast<char>('a' + seq % 26));
      send("c" + std::to_string(seq), m);
    }
    store_->sync();
    largest_log = std::max(largest_log, fs::file_size(wal));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_LT(largest_log, std::uintmax_t{32} << 20);
  EXPECT_GT(fs::file_size(db), db_before + (std::uintmax_t{32} << 20));
  EXPECT_EQ(store_->next_message_seq(kConversation), seq);
}

TEST_F(MessageBatchTest, SearchFindsAMessageAsSoonAsItIsSentAndFollowsEditsAndDeletions) {
  send("c1", message("m1", 2));
  EXPECT_EQ(found("m1"), 1u);  // in the open batch, found before any sync
  EXPECT_EQ(found("body"), 2u);

  // An indexed message edited: its old words are gone from the index, its new ones in.
  Message seeded = message("seeded", 1);
  seeded.body = "renamed alpha";
  seeded.edited_at = 300;
  change("e1", seeded);
  EXPECT_EQ(found("seeded"), 0u);
  EXPECT_EQ(found("alpha"), 1u);

  // A message edited before its run came is indexed as it then is; edited again afterwards,
  // its entry is replaced; deleted, it is gone.
  send("c2", message("m2", 3));
  Message m2 = message("m2", 3);
  m2.body = "bravo";
  change("e2", m2);
  EXPECT_EQ(found("m2"), 0u);
  EXPECT_EQ(found("bravo"), 1u);
  m2.body = "charlie";
  change("e3", m2);
  EXPECT_EQ(found("bravo"), 0u);
  EXPECT_EQ(found("charlie"), 1u);
  m2.body.clear();
  m2.deleted = true;
  change("d1", m2);
  EXPECT_EQ(found("charlie"), 0u);

  // A message deleted before its run came is never indexed.
  send("c3", message("m3", 4));
  Message m3 = message("m3", 4);
  m3.body.clear();
  m3.deleted = true;
  change("d2", m3);
  EXPECT_EQ(found("m3"), 0u);
  EXPECT_EQ(found("body"), 1u);  // m1 only

  store_->sync();
  reopen();
  EXPECT_EQ(found("alpha"), 1u);
  EXPECT_EQ(found("charlie"), 0u);
  EXPECT_EQ(found("body"), 1u);
}

TEST_F(MessageBatchTest, RunsOfTheSearchIndexLeaveNoMessageOutAcrossRestarts) {
  // More than a run's worth: some are indexed by a run while messages keep coming, the rest
  // wait past the mark when the store closes and are caught up by the first search.
  int64_t seq = 2;
  for (int i = 0; i < 700; ++i, ++seq) {
    Message m = message("r" + std::to_string(seq), seq);
    m.body = "run word" + std::to_string(i % 7);
    send("c" + std::to_string(seq), m);
    if (i % 50 == 49) store_->sync();
  }
  store_->sync();
  reopen();
  EXPECT_EQ(found("run"), 700u);
  EXPECT_EQ(found("word3"), 100u);
  EXPECT_EQ(found("body"), 1u);  // the seeded message
}

// The same store on a disk that fails on demand: what the store said it took but could not
// write must not be acknowledged. The durable queue acknowledges a batch's commands only after
// sync() returns, so sync() has to fail when their writes are gone.
class MessageBatchOnFailingDiskTest : public MessageBatchTest {
 protected:
  testing::FailingDisk disk_;  // made before SetUp opens the store, so the store writes to it
};

TEST_F(MessageBatchOnFailingDiskTest, ABatchThatCouldNotBeCommittedFailsTheNextSync) {
  send("c1", message("m1", 2));
  send("c2", message("m2", 3));
  // Another writer transaction commits the batch first; the disk refuses the log.
  disk_.fail_log_writes(true);
  EXPECT_THROW(store_->create_session("hash", kAuthor, 999'999), StoreError);
  disk_.fail_log_writes(false);
  EXPECT_GT(disk_.failed_writes(), 0);

  // m1 and m2 returned as if stored, but they are gone: the sync must not succeed.
  EXPECT_THROW(store_->sync(), StoreError);
  EXPECT_EQ(stored_ids(), (std::vector<std::string>{"seeded"}));
  // The senders resend: the commands were not recorded, so they run again, and from now on
  // syncs succeed.
  EXPECT_FALSE(send("c1", message("m1", 2)).replayed);
  EXPECT_FALSE(send("c2", message("m2", 3)).replayed);
  store_->create_session("hash", kAuthor, 999'999);
  store_->sync();
  reopen();
  EXPECT_EQ(stored_ids(), (std::vector<std::string>{"seeded", "m1", "m2"}));
  EXPECT_EQ(found("body"), 3u);
}

TEST_F(MessageBatchOnFailingDiskTest, ABatchSQLiteRolledBackItselfFailsTheNextSync) {
  send("c1", message("m1", 2));
  // A batch larger than the writer's page cache spills pages into the log while it is open;
  // that write fails, and SQLite rolls the whole transaction back inside the failing command.
  disk_.fail_log_writes(true);
  int64_t seq = 3;
  int sent = 0;
  bool failed = false;
  for (; seq < 3000 && !failed; ++seq) {
    Message m = message("big-" + std::to_string(seq), seq);
    m.body.assign(8 * 1024, static_cast<char>('a' + seq % 26));
    try {
      send("c" + std::to_string(seq), m);
      ++sent;
    } catch (const StoreError&) {
      failed = true;
    }
  }
  disk_.fail_log_writes(false);
  ASSERT_TRUE(failed) << "the cache never spilled into the log";
  EXPECT_GT(sent, 0);

  // Every message sent before the failure is gone with the batch: the sync must not succeed.
  EXPECT_THROW(store_->sync(), StoreError);
  EXPECT_EQ(stored_ids(), (std::vector<std::string>{"seeded"}));
  // The writer works again and the resend of m1 is applied anew (it was never recorded).
  EXPECT_FALSE(send("c1", message("m1", 2)).replayed);
  store_->sync();
  reopen();
  EXPECT_EQ(stored_ids(), (std::vector<std::string>{"seeded", "m1"}));
  EXPECT_EQ(found("m1"), 1u);
}

TEST_F(MessageBatchOnFailingDiskTest, AFailedSearchInsideTheBatchFailsTheNextSync) {
  // A search indexes what waits inside the open batch; if that write fails, the batch is gone.
  int64_t seq = 2;
  for (; seq < 600; ++seq) {
    Message m = message("s" + std::to_string(seq), seq);
    m.body.assign(8 * 1024, 'x');
    m.body += " word";
    send("c" + std::to_string(seq), m);
  }
  disk_.fail_log_writes(true);
  bool failed = false;
  try {
    found("word");
  } catch (const StoreError&) {
    failed = true;
  }
  disk_.fail_log_writes(false);
  ASSERT_TRUE(failed) << "the search's index run never spilled into the log";
  EXPECT_THROW(store_->sync(), StoreError);
  EXPECT_EQ(stored_ids(), (std::vector<std::string>{"seeded"}));
  // Searching works again, and finds what is stored.
  EXPECT_EQ(found("word"), 0u);
  EXPECT_EQ(found("seeded"), 1u);
  store_->sync();
}

}  // namespace
}  // namespace portal::server
