// portal-admin backup while the server is busy writing, and restore into a fresh data folder
// that a server then runs on; restore refuses what it must refuse.
#include <atomic>
#include <fstream>
#include <thread>

#include "support/admin_process.h"
#include "support/portal_fixture.h"
#include "support/sqlite_probe.h"

namespace portal::testing {
namespace {

TEST(BackupRestoreTest, BackupDuringWritesRestoresIntoAFreshFolderTheServerRunsOn) {
  RunningServer server;
  const std::string data = (server.dir.path() / "data").string();
  const auto backup = server.dir.path() / "backup.db";

  WsClient dana(server.port());
  log_in(dana, kDana);
  std::atomic<int> acked{0};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      const std::string id = "bk-" + std::to_string(i);
      dana.send(submit_frame(id, lead_payload("Backup " + id)));
      auto reply = dana.next(5s);
      if (!reply || reply->value("t", "") != "ack") return;
      ++acked;
    }
  });
  while (acked < 10) std::this_thread::sleep_for(5ms);
  const ProgramRun run = run_admin({"backup", "--data", data, "--to", backup.string()});
  const int acked_before_done = acked;
  while (acked < acked_before_done + 10) std::this_thread::sleep_for(5ms);  // still writing
  stop = true;
  writer.join();
  ASSERT_EQ(run.exit_code, 0) << run.err;

  EXPECT_EQ(sql_text(backup, "PRAGMA integrity_check"), "ok");
  const int64_t backed_up = sql_int(backup, "SELECT COUNT(*) FROM leads");
  EXPECT_GE(backed_up, 8 + 10);
  EXPECT_LT(backed_up, sql_int(server.dir.path() / "data" / "portal.db",
                               "SELECT COUNT(*) FROM leads"));
  // The copy is a consistent moment: every lead in it has its events.
  EXPECT_EQ(sql_int(backup, "SELECT COUNT(*) FROM leads l WHERE company LIKE 'Backup bk-%' AND "
                            "NOT EXISTS (SELECT 1 FROM events e WHERE e.room = 'vendor/overview' "
                            "AND json_extract(e.data, '$.lead.id') = l.id)"),
            0);
  EXPECT_EQ(sql_int(backup, "SELECT COUNT(*) FROM commands WHERE command_id LIKE 'bk-%'"),
            backed_up - 16);

  TempDir fresh;
  const auto fresh_data = fresh.path() / "data";
  const ProgramRun restored =
      run_admin({"restore", "--data", fresh_data.string(), "--from", backup.string()});
  ASSERT_EQ(restored.exit_code, 0) << restored.err;

  ServerProcess second(fresh_data, server.dir.path() / "public");
  WsClient leo(second.port());
  log_in(leo, kLeo);
  const Json snap = subscribe(leo, "overview");
  EXPECT_EQ(snap["state"]["leads_submitted"], backed_up - 8) << "Acme's leads: all but 8 demo";

  // Not while a server holds the database...
  const ProgramRun busy =
      run_admin({"restore", "--data", fresh_data.string(), "--from", backup.string()});
  EXPECT_EQ(busy.exit_code, 1);
  EXPECT_NE(busy.err.find("in use"), std::string::npos) << busy.err;
  // ...but once it stopped; the replaced database is kept.
  ASSERT_EQ(second.terminate(), 0);
  const ProgramRun again =
      run_admin({"restore", "--data", fresh_data.string(), "--from", backup.string()});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(std::filesystem::exists(fresh_data / "portal.db.before-restore"));
}

TEST(BackupRestoreTest, RestoreRefusesFilesThatAreNotPortalDatabases) {
  TempDir dir;
  const auto data = (dir.path() / "data").string();
  const auto text = dir.path() / "notes.txt";
  std::ofstream(text) << "this is not a database\n";
  ProgramRun run = run_admin({"restore", "--data", data, "--from", text.string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("not a readable SQLite database"), std::string::npos) << run.err;

  const auto other = dir.path() / "other.db";
  sql_exec(other, "CREATE TABLE t (x); PRAGMA user_version = 1;");
  run = run_admin({"restore", "--data", data, "--from", other.string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("not a Partner Portal database"), std::string::npos) << run.err;

  run = run_admin({"restore", "--data", data, "--from", (dir.path() / "missing.db").string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("no backup file"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "data" / "portal.db"));

  run = run_admin({"backup", "--data", data});
  EXPECT_EQ(run.exit_code, 2) << "--to is required";
}

}  // namespace
}  // namespace portal::testing
