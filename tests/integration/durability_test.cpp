// Acknowledged means durable: clients submit leads as fast as they can, the server is killed
// with SIGKILL mid-stream and restarted on the same data folder. Every acknowledged lead must be
// there, the database must check out, and no command may be half applied.
#include <signal.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "support/portal_fixture.h"
#include "support/sqlite_probe.h"

namespace portal::testing {
namespace {

constexpr const char* kOmar = "omar.haddad@cedar.example";  // Cedar Analytics admin

struct Writer {
  std::string email;
  std::unique_ptr<WsClient> ws;
  std::vector<std::pair<std::string, std::string>> acked;  // command id, lead id
  std::string last_sent;                                   // maybe applied, never acked
};

// Sends lead.submit after lead.submit, each as soon as the previous one is answered, until the
// connection goes away.
void submit_until_cut(Writer& w, int index, std::atomic<int>& acked) {
  for (int i = 0;; ++i) {
    const std::string id = "dur-" + std::to_string(index) + "-" + std::to_string(i);
    w.last_sent = id;  // it may reach the server even if the write reports failure
    try {
      w.ws->send(submit_frame(id, lead_payload("Durable " + id)));
    } catch (const std::runtime_error&) {
      return;  // the server was killed while this frame was being written
    }
    auto reply = w.ws->next(3s);
    if (!reply || reply->value("t", "") != "ack") return;
    w.acked.emplace_back(id, (*reply)["result"]["lead_id"].get<std::string>());
    w.last_sent.clear();
    ++acked;
  }
}

TEST(DurabilityTest, SigkillMidStreamLosesNoAcknowledgedLeadAndLeavesNoHalfCommand) {
  RunningServer server;
  const auto db = server.dir.path() / "data" / "portal.db";
  std::vector<Writer> writers;
  for (const char* email : {kDana, kLeo, kMaya, kOmar}) {
    Writer w{email, std::make_unique<WsClient>(server.port()), {}, {}};
    log_in(*w.ws, email);
    writers.push_back(std::move(w));
  }

  std::atomic<int> acked{0};
  std::vector<std::thread> threads;
  for (size_t i = 0; i < writers.size(); ++i) {
    threads.emplace_back(submit_until_cut, std::ref(writers[i]), static_cast<int>(i),
                         std::ref(acked));
  }
  const auto deadline = std::chrono::steady_clock::now() + 15s;
  while (acked < 60 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(2ms);
  ASSERT_EQ(kill(server.process->pid(), SIGKILL), 0);
  for (auto& t : threads) t.join();
  ASSERT_GE(acked.load(), 60) << "the writers were too slow to test anything";

  server.start();  // same data folder

  EXPECT_EQ(sql_text(db, "PRAGMA integrity_check"), "ok");
  for (const Writer& w : writers) {
    for (const auto& [command, lead] : w.acked) {
      EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM leads WHERE id = '" + lead + "'"), 1)
          << w.email << " was told " << command << " was stored";
    }
  }
  // All or nothing per command: each submitted lead has its events (one in its partner's
  // Overview, one in the vendor's, and as many elsewhere as every other lead) and its command
  // record, and no event or record exists without its lead.
  const int64_t leads =
      sql_int(db, "SELECT COUNT(*) FROM leads WHERE company LIKE 'Durable dur-%'");
  EXPECT_GE(leads, acked.load());
  const std::string per_lead =
      "SELECT l.id, l.org_id, "
      " (SELECT COUNT(*) FROM events e WHERE json_extract(e.data, '$.lead.id') = l.id) AS n, "
      " (SELECT COUNT(*) FROM events e WHERE json_extract(e.data, '$.lead.id') = l.id "
      "   AND e.room = 'org:' || l.org_id || '/overview') AS partner_n, "
      " (SELECT COUNT(*) FROM events e WHERE json_extract(e.data, '$.lead.id') = l.id "
      "   AND e.room = 'vendor/overview') AS vendor_n, "
      " (SELECT COUNT(*) FROM commands c WHERE json_extract(c.result, '$.lead_id') = l.id) AS c "
      "FROM leads l WHERE company LIKE 'Durable dur-%'";
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM (" + per_lead +
                            ") WHERE partner_n != 1 OR vendor_n != 1 OR c != 1"),
            0);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(DISTINCT n) FROM (" + per_lead + ")"), 1);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM events e WHERE type = 'lead.submitted' AND NOT "
                        "EXISTS (SELECT 1 FROM leads l WHERE l.id = json_extract(e.data, "
                        "'$.lead.id'))"),
            0);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM commands WHERE command_id LIKE 'dur-%'"), leads);

  // What the clients see agrees: each organisation's Overview counts exactly its rows, and its
  // sequence number is the length of its event log.
  const std::map<std::string, int> demo_leads = {{kDana, 8}, {kMaya, 5}, {kOmar, 3}};
  for (const auto& [email, base] : demo_leads) {
    WsClient ws(server.port());
    log_in(ws, email);
    const Json snap = subscribe(ws, "overview");
    const std::string org_of = "(SELECT org_id FROM users WHERE email = '" + email + "')";
    EXPECT_EQ(snap["state"]["leads_submitted"],
              sql_int(db, "SELECT COUNT(*) FROM leads WHERE org_id = " + org_of))
        << email;
    EXPECT_GE(snap["state"]["leads_submitted"].get<int64_t>(), base);
    EXPECT_EQ(snap["seq"],
              sql_int(db, "SELECT COUNT(*) FROM events WHERE room = 'org:' || " + org_of +
                              " || '/overview'"))
        << email;
  }

  // A command that was cut off before its ack is resent, as a client does after reconnecting:
  // it is applied at most once.
  for (const Writer& w : writers) {
    if (w.last_sent.empty()) continue;
    WsClient ws(server.port());
    log_in(ws, w.email);
    ws.send(submit_frame(w.last_sent, lead_payload("Durable " + w.last_sent)));
    ASSERT_EQ(ws.expect()["t"], "ack");
    EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM leads WHERE company = 'Durable " + w.last_sent +
                              "'"),
              1);
  }
}

}  // namespace
}  // namespace portal::testing
