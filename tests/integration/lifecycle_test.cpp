// The server as a process: command line, start-up refusals, graceful shutdown, and data that
// survives a restart.
#include <sqlite3.h>

#include "support/portal_fixture.h"

namespace portal::testing {
namespace {

TEST(LifecycleTest, BadOptionsPrintUsageAndExit2) {
  std::string err;
  EXPECT_EQ(run_server_to_exit({"--bogus"}, &err), 2);
  EXPECT_NE(err.find("Usage:"), std::string::npos) << err;
  EXPECT_EQ(run_server_to_exit({"--port", "99999"}, &err), 2);
  EXPECT_NE(err.find("--port"), std::string::npos) << err;
}

TEST(LifecycleTest, MissingPublicFolderIsExplained) {
  TempDir dir;
  std::string err;
  EXPECT_EQ(run_server_to_exit({"--port", "0", "--data", (dir.path() / "data").string(),
                                "--public", (dir.path() / "nothing").string()},
                               &err),
            2);
  EXPECT_NE(err.find("--public"), std::string::npos) << err;
}

TEST(LifecycleTest, SigtermSaysByeToEveryClientAndExitsZero) {
  RunningServer server;
  WsClient anonymous(server.port());
  WsClient logged_in(server.port());
  log_in(logged_in, kLeo);
  ASSERT_EQ(subscribe(logged_in, "overview")["t"], "snapshot");

  EXPECT_EQ(server.process->terminate(), 0);
  for (WsClient* ws : {&anonymous, &logged_in}) {
    EXPECT_EQ(ws->expect(), Json({{"t", "bye"}, {"reason", "server_shutdown"}}));
    EXPECT_EQ(ws->wait_closed(), 1001);
  }
}

TEST(LifecycleTest, DataSurvivesARestart) {
  RunningServer server;
  std::string token;
  std::string lead_id;
  int64_t seq = 0;
  {
    WsClient dana(server.port());
    token = log_in(dana, kDana)["token"];
    dana.send(submit_frame("persist-1", lead_payload("Durable Data AG")));
    const Json ack = dana.expect();
    ASSERT_EQ(ack["t"], "ack");
    lead_id = ack["result"]["lead_id"];
    seq = subscribe(dana, "overview")["seq"];
  }
  ASSERT_EQ(server.process->terminate(), 0);
  server.start();  // same data folder, --demo again: must not seed twice

  WsClient dana(server.port());
  dana.send({{"t", "resume"}, {"v", kProtocolVersion}, {"token", token}});
  ASSERT_EQ(dana.expect()["t"], "welcome");
  const Json snap = subscribe(dana, "overview");
  EXPECT_EQ(snap["seq"], seq);
  EXPECT_EQ(snap["state"]["leads_submitted"], 9);
  EXPECT_EQ(snap["state"]["recent_leads"][0]["id"], lead_id);
  EXPECT_EQ(snap["state"]["recent_leads"][0]["company"], "Durable Data AG");

  // The command record survived too: a late resend is still answered, not applied again.
  dana.send(submit_frame("persist-1", lead_payload("Durable Data AG")));
  EXPECT_EQ(dana.expect()["result"]["lead_id"], lead_id);
  EXPECT_EQ(dana.next(300ms), std::nullopt);
}

TEST(LifecycleTest, DatabaseFromANewerServerIsRefused) {
  RunningServer server;
  ASSERT_EQ(server.process->terminate(), 0);
  const std::string db_path = (server.dir.path() / "data" / "portal.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  std::string err;
  EXPECT_EQ(run_server_to_exit({"--port", "0", "--data", (server.dir.path() / "data").string(),
                                "--public", (server.dir.path() / "public").string()},
                               &err),
            1);
  EXPECT_NE(err.find("newer"), std::string::npos) << err;
}

}  // namespace
}  // namespace portal::testing
