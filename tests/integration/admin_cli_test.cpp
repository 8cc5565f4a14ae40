// portal-admin against real databases: organisations and users within and past their
// licences, a password reset the running server honours, schema versions old and new, and the
// generated demo program.
#include <fstream>
#include <thread>
#include <sstream>

#include "support/admin_process.h"
#include "support/http_client.h"
#include "support/portal_fixture.h"
#include "support/sqlite_probe.h"

namespace portal::testing {
namespace {

std::vector<std::string> with_data(std::vector<std::string> args, const std::string& data) {
  args.push_back("--data");
  args.push_back(data);
  return args;
}

// Loads the frozen schema-version-1 database into <dir>/portal.db.
void write_v1_database(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  std::ifstream in(fixtures_dir() + "/portal_v1.sql");
  std::stringstream sql;
  sql << in.rdbuf();
  sql_exec(dir / "portal.db", sql.str());
}

TEST(AdminCliTest, CreatesOrganisationsAndUsersWithinTheirLicences) {
  TempDir dir;
  const std::string data = (dir.path() / "data").string();
  ProgramRun r = run_admin(with_data({"create-org", "--name", "Northwind Cloud", "--kind",
                                      "vendor", "--licences", "5"}, data));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_admin(with_data({"create-org", "--name", "Tiny Partner", "--kind", "partner", "--tier",
                           "Bronze", "--share-bp", "800", "--licences", "2"}, data));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string org_id = r.out.substr(0, r.out.find('\n'));
  EXPECT_EQ(org_id.size(), 32u);

  // By name with the password on stdin, by id with --password.
  r = run_admin(with_data({"create-user", "--org", "Tiny Partner", "--email", "ada@tiny.example",
                           "--name", "Ada Tiny", "--role", "partner_admin"}, data),
                "first-password-1\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = run_admin(with_data({"create-user", "--org", org_id, "--email", "bo@tiny.example", "--name",
                           "Bo Tiny", "--role", "partner_user", "--password", "second-pass-2"},
                          data));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = run_admin(with_data({"create-user", "--org", "Tiny Partner", "--email", "cy@tiny.example",
                           "--name", "Cy Tiny", "--role", "partner_user", "--password",
                           "third-pass-33"}, data));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Tiny Partner uses 2 of 2 licences"), std::string::npos) << r.err;

  r = run_admin(with_data({"list-users", "--org", "Tiny Partner"}, data));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("ada@tiny.example"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("bo@tiny.example"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("cy@tiny.example"), std::string::npos) << r.out;
  r = run_admin(with_data({"list-orgs"}, data));
  EXPECT_NE(r.out.find("2/2"), std::string::npos) << r.out;

  // Every bad input gets its own sentence: usage problems exit 2, refusals 1.
  struct Case {
    std::vector<std::string> args;
    int code;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{"create-user", "--org", "Northwind Cloud", "--email", "x@nw.example", "--name", "X",
        "--role", "boss", "--password", "long-enough-1"}, 2, "--role must be one of"},
      {{"create-user", "--org", "Northwind Cloud", "--email", "not-an-email", "--name", "X",
        "--role", "vendor_admin", "--password", "long-enough-1"}, 1, "not an e-mail address"},
      {{"create-user", "--org", "Northwind Cloud", "--email", "x@nw.example", "--name", "X",
        "--role", "vendor_admin", "--password", "short"}, 1, "too short"},
      {{"create-user", "--org", "Northwind Cloud", "--email", "x@nw.example", "--name", "X",
        "--role", "partner_user", "--password", "long-enough-1"}, 1, "does not fit"},
      {{"create-user", "--org", "Nobody", "--email", "x@nw.example", "--name", "X", "--role",
        "vendor_admin", "--password", "long-enough-1"}, 1, "no organisation"},
      {{"create-user", "--org", "Northwind Cloud", "--email", "ada@tiny.example", "--name", "X",
        "--role", "vendor_admin", "--password", "long-enough-1"}, 1, "already exists"},
      {{"create-user", "--org", "Northwind Cloud", "--name", "X", "--role", "vendor_admin"}, 2,
       "needs --email"},
      {{"create-org", "--name", "Second Vendor", "--kind", "vendor"}, 1, "already a vendor"},
      {{"create-org", "--name", "Tiny Partner", "--kind", "partner"}, 1, "already exists"},
      {{"create-org", "--name", "P", "--kind", "partner", "--share-bp", "lots"}, 2,
       "whole number"},
      {{"create-org", "--name", "P", "--kind", "partner", "--currency", "euro"}, 1,
       "three-letter"},
      {{"create-org", "--name", "P", "--kind", "partner", "--bogus", "1"}, 2, "unknown option"},
      {{"frobnicate"}, 2, "unknown command"},
  };
  for (const Case& c : cases) {
    r = run_admin(with_data(c.args, data));
    EXPECT_EQ(r.exit_code, c.code) << c.args[0] << " " << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  }
}

TEST(AdminCliTest, ResetPasswordWhileTheServerRunsThenLogInWithTheNewOne) {
  RunningServer server;
  const std::string data = (server.dir.path() / "data").string();
  ProgramRun r = run_admin(with_data({"reset-password", "--email", kLeo}, data),
                           "a-brand-new-password\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;

  WsClient ws(server.port());
  ws.send(login_frame(kLeo));
  EXPECT_EQ(ws.expect()["t"], "error") << "the old password no longer works";
  ws.send(login_frame(kLeo, "a-brand-new-password"));
  EXPECT_EQ(ws.expect()["t"], "welcome");

  r = run_admin(with_data({"reset-password", "--email", "nobody@acme.example", "--password",
                           "whatever-123"}, data));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no user"), std::string::npos) << r.err;
  r = run_admin(with_data({"reset-password", "--email", kLeo}, data), "");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no password given"), std::string::npos) << r.err;
}

// The running server's mailer delivers what portal-admin queued (here: as an .eml file, the
// server has no --smtp relay), with a link that opens the invitation.
TEST(AdminCliTest, InviteQueuesTheMailThatTheRunningServerDelivers) {
  RunningServer server;
  const std::filesystem::path data = server.dir.path() / "data";
  ProgramRun r = run_admin(with_data({"invite", "--org", "Cedar Analytics", "--email",
                                      "ivy@cedar.example", "--name", "Ivy Invited", "--role",
                                      "partner_user", "--public-url", "https://portal.example/"},
                                     data.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.size(), 33u) << r.out;  // the invitation's id and a newline
  std::string text;
  for (int i = 0; i < 100 && text.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (std::filesystem::is_directory(data / "mail"))
      for (const auto& e : std::filesystem::directory_iterator(data / "mail"))
        if (e.path().extension() == ".eml") {
          std::ifstream in(e.path(), std::ios::binary);
          text.assign(std::istreambuf_iterator<char>(in), {});
        }
  }
  ASSERT_NE(text.find("To: \"Ivy Invited\" <ivy@cedar.example>"), std::string::npos) << text;
  const size_t at = text.find("https://portal.example/#/invite/");
  ASSERT_NE(at, std::string::npos) << text;
  const std::string token = text.substr(at + 32, 43);
  HttpResponse preview = http_get(server.port(), "/api/invitations/" + token);
  EXPECT_EQ(preview.status, 200) << preview.body;
  EXPECT_NE(preview.body.find("Cedar Analytics"), std::string::npos) << preview.body;

  // Refusals are one sentence: an existing user, a role that does not fit.
  r = run_admin(with_data({"invite", "--org", "Cedar Analytics", "--email", "omar.haddad@cedar.example",
                           "--name", "Omar", "--role", "partner_user"}, data.string()));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("already a portal user"), std::string::npos) << r.err;
  r = run_admin(with_data({"invite", "--org", "Cedar Analytics", "--email", "x@cedar.example",
                           "--name", "X", "--role", "vendor_admin"}, data.string()));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("role"), std::string::npos) << r.err;
}

TEST(AdminCliTest, AnOlderSchemaIsUpgradedOnStart) {
  TempDir dir;
  write_public_dir(dir.path() / "public");
  write_v1_database(dir.path() / "data");
  const auto db = dir.path() / "data" / "portal.db";
  ASSERT_EQ(sql_int(db, "PRAGMA user_version"), 1);

  ServerProcess server(dir.path() / "data", dir.path() / "public");
  const int64_t version = sql_int(db, "PRAGMA user_version");
  EXPECT_GE(version, 1);
  // Every migration is recorded once; numbers may skip while parallel branches each hold a
  // reserved number (this one has 1, 2 and 6), so the count is not the version.
  EXPECT_GE(sql_int(db, "SELECT COUNT(*) FROM schema_migrations"), 2);
  EXPECT_LE(sql_int(db, "SELECT COUNT(*) FROM schema_migrations"), version);
  EXPECT_EQ(sql_int(db, "SELECT MIN(version) FROM schema_migrations"), 1);
  EXPECT_EQ(sql_int(db, "SELECT MAX(version) FROM schema_migrations"), version);

  WsClient ws(server.port());
  ws.send(login_frame("olga.old@oldschema.example", "schema-v1-pass"));
  ASSERT_EQ(ws.expect()["t"], "welcome");
  const Json snap = subscribe(ws, "overview");
  EXPECT_EQ(snap["state"]["leads_submitted"], 1);
  EXPECT_EQ(snap["state"]["recent_leads"][0]["company"], "Legacy Lead Ltd");
  // A deal won before won deals kept their share took the organisation's share at the upgrade
  // (Silver, 10 %): the commission the Overview showed for it does not change.
  EXPECT_EQ(sql_int(db, "SELECT commission_bp FROM deals WHERE name = 'Legacy win'"), 1000);
  EXPECT_EQ(snap["state"]["commission_pending_minor"], 50'000);
  EXPECT_EQ(snap["state"]["commission_expected_minor"], 80'000);
  // Still usable for writes after the upgrade.
  ws.send(submit_frame("after-upgrade", lead_payload("Upgraded Schema AG")));
  EXPECT_EQ(ws.expect()["t"], "ack");
  // The lead stored before the duplicate-check keys existed got them when the store opened:
  // registering the same company again (other spelling) is still refused.
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM leads WHERE company_key IS NULL"), 0);
  ws.send(submit_frame("legacy-again", lead_payload("LEGACY LEAD, Ltd.")));
  Json again = ws.expect();
  while (again["t"] == "event") again = ws.expect();  // the Overview hears of the first lead
  EXPECT_EQ(again["t"], "error") << again.dump();
  EXPECT_EQ(again["code"], "conflict") << again.dump();
  EXPECT_NE(again.value("message", "").find("Legacy Lead Ltd"), std::string::npos) << again.dump();
}

TEST(AdminCliTest, ANewerSchemaIsRefusedWithAClearMessage) {
  TempDir dir;
  write_v1_database(dir.path() / "data");
  const auto db = dir.path() / "data" / "portal.db";
  sql_exec(db, "PRAGMA user_version = 999");
  const std::string data = (dir.path() / "data").string();

  ProgramRun r = run_admin(with_data({"list-orgs"}, data));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("newer"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;

  TempDir other;
  r = run_admin({"restore", "--data", (other.path() / "data").string(), "--from", db.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("newer"), std::string::npos) << r.err;
}

TEST(AdminCliTest, GenerateGivesTheSameProgramForTheSameSeed) {
  TempDir dir;
  const auto a = dir.path() / "a";
  const auto b = dir.path() / "b";
  for (const auto& d : {a, b}) {
    ProgramRun r = run_admin({"generate", "--partners", "30", "--seed", "7", "--data", d.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("generated 31 organisations"), std::string::npos) << r.out;
  }
  // Everything but the password hash (salted afresh on each run) is identical, row by row.
  const std::vector<std::string> tables = {
      "SELECT group_concat(id || name || kind || tier || revenue_share_bp, '|') "
      "FROM (SELECT * FROM organisations ORDER BY rowid)",
      "SELECT group_concat(id || org_id || seats || valid_from || valid_until, '|') "
      "FROM (SELECT * FROM licences ORDER BY rowid)",
      "SELECT group_concat(id || org_id || email || name || role || created_at, '|') "
      "FROM (SELECT * FROM users ORDER BY rowid)",
      "SELECT group_concat(id || org_id || company || contact || email || phone || notes || "
      "value_minor || stage || created_by || created_at, '|') FROM (SELECT * FROM leads ORDER "
      "BY rowid)",
      "SELECT group_concat(id || org_id || name || customer || stage || value_minor || "
      "commission_paid || updated_at, '|') FROM (SELECT * FROM deals ORDER BY rowid)",
      "SELECT group_concat(id || org_id || name || website || lifetime_revenue_minor || "
      "created_at, '|') FROM (SELECT * FROM customer_accounts ORDER BY rowid)",
      "SELECT group_concat(id || account_id || kind || status || due_at, '|') "
      "FROM (SELECT * FROM account_tasks ORDER BY rowid)"};
  for (const std::string& sql : tables) {
    const std::string left = sql_text(a / "portal.db", sql);
    EXPECT_FALSE(left.empty());
    EXPECT_EQ(left, sql_text(b / "portal.db", sql));
  }
  const int64_t partners = sql_int(a / "portal.db", "SELECT COUNT(*) FROM organisations WHERE kind = 'partner'");
  EXPECT_EQ(partners, 30);
  const int64_t leads = sql_int(a / "portal.db", "SELECT COUNT(*) FROM leads");
  EXPECT_GE(leads, 30 * 20);
  EXPECT_LE(leads, 30 * 60);
  EXPECT_EQ(sql_int(a / "portal.db",
                    "SELECT COUNT(*) FROM organisations o WHERE kind = 'partner' AND "
                    "(SELECT COALESCE(SUM(seats), 0) FROM licences WHERE org_id = o.id) < "
                    "(SELECT COUNT(*) FROM users WHERE org_id = o.id)"),
            0) << "licence counts cover the users";
  // Another seed, another program; and not into a database that has one.
  ProgramRun r = run_admin({"generate", "--partners", "30", "--seed", "8", "--data", a.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("empty database"), std::string::npos) << r.err;
}

TEST(AdminCliTest, TheServerSeedsAGeneratedProgramWithDemoPartners) {
  TempDir dir;
  write_public_dir(dir.path() / "public");
  ServerProcess server(dir.path() / "data", dir.path() / "public", {"--demo-partners", "12"});
  const auto db = dir.path() / "data" / "portal.db";
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM organisations WHERE kind = 'partner'"), 12);

  WsClient ws(server.port());
  log_in(ws, kPriya);  // the generated vendor staff share the demo's names and password
  const Json snap = subscribe(ws, "overview");
  EXPECT_EQ(snap["state"]["leads_submitted"], sql_int(db, "SELECT COUNT(*) FROM leads"));
}

}  // namespace
}  // namespace portal::testing
