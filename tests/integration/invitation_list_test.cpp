// invitation.list and the audit trail of invitations, against the real server: an admin sees
// their organisation's open invitations newest first and never a token; another partner's are
// not visible (not even by naming its organisation); revoked and accepted ones leave the list;
// and invitation.create / invitation.revoke each leave one audit row naming who invited which
// e-mail as which role, for partner admins as for vendor admins.
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "support/http_client.h"
#include "support/portal_fixture.h"
#include "support/sqlite_probe.h"

namespace portal::testing {
namespace {

using namespace std::chrono_literals;

class InvitationListTest : public PortalTest {
 protected:
  static std::filesystem::path data_dir() { return server_->dir.path() / "data"; }
  static std::filesystem::path db() { return data_dir() / "portal.db"; }

  // Sends a command and returns its answer (ack or error), skipping anything else.
  static Json run(WsClient& ws, const std::string& id, const std::string& type,
                  const Json& payload) {
    ws.send({{"t", "cmd"}, {"id", id}, {"type", type}, {"payload", payload}});
    for (;;) {
      Json f = ws.expect();
      if (f.value("id", "") == id) return f;
    }
  }

  static Json invite(WsClient& ws, const std::string& id, const std::string& email,
                     const std::string& role = "partner_user", const std::string& org = "") {
    Json p = {{"email", email}, {"name", "Invitee " + id}, {"role", role}};
    if (!org.empty()) p["org_id"] = org;
    return run(ws, id, "invitation.create", p);
  }

  // The e-mails of an invitation.list ack, in order.
  static std::vector<std::string> emails(const Json& ack) {
    std::vector<std::string> out;
    for (const Json& i : ack["result"]["invitations"]) out.push_back(i.value("email", ""));
    return out;
  }

  // The one-time token of the invitation mailed to `to` (the server writes .eml files).
  static std::string mailed_token(const std::string& to) {
    static const std::regex link(R"(/#/invite/([A-Za-z0-9_-]{43}))");
    const auto dir = data_dir() / "mail";
    for (int i = 0; i < 100; ++i) {
      if (std::filesystem::is_directory(dir))
        for (const auto& e : std::filesystem::directory_iterator(dir)) {
          if (e.path().extension() != ".eml") continue;
          std::ifstream in(e.path(), std::ios::binary);
          const std::string text((std::istreambuf_iterator<char>(in)), {});
          std::smatch m;
          if (text.find("<" + to + ">") != std::string::npos && std::regex_search(text, m, link))
            return m[1].str();
        }
      std::this_thread::sleep_for(100ms);
    }
    return {};
  }
};

TEST_F(InvitationListTest, AnAdminSeesOnlyTheirOrganisationsOpenInvitationsNewestFirst) {
  WsClient dana(port()), maya(port()), leo(port()), priya(port()), alex(port());
  const Json dana_w = log_in(dana, kDana);
  const Json maya_w = log_in(maya, kMaya);
  log_in(leo, kLeo);
  log_in(priya, kPriya);
  const Json alex_w = log_in(alex, "alex.morgan@northwind.example");
  const std::string acme = dana_w["org"]["id"], blue = maya_w["org"]["id"];

  ASSERT_EQ(invite(dana, "d-1", "first.list@acme.example")["t"], "ack");
  ASSERT_EQ(invite(dana, "d-2", "second.list@acme.example", "partner_admin")["t"], "ack");
  ASSERT_EQ(invite(maya, "m-1", "only.blue@blueharbor.example")["t"], "ack");

  const Json a = run(dana, "d-3", "invitation.list", Json::object());
  ASSERT_EQ(a["t"], "ack") << a.dump();
  EXPECT_EQ(a["result"]["org_id"], acme);
  EXPECT_EQ(emails(a), (std::vector<std::string>{"second.list@acme.example",
                                                 "first.list@acme.example"}));
  const Json& newest = a["result"]["invitations"][0];
  EXPECT_EQ(newest["role"], "partner_admin");
  EXPECT_EQ(newest["name"], "Invitee d-2");
  EXPECT_GT(newest["expires_at"].get<int64_t>(), newest["created_at"].get<int64_t>());
  EXPECT_FALSE(newest.value("invitation_id", "").empty());
  // Never the link: no token, no hash, nothing 43 characters of base64url long.
  const std::string text = a.dump();
  EXPECT_EQ(text.find("token"), std::string::npos) << text;
  EXPECT_FALSE(std::regex_search(text, std::regex(R"("[A-Za-z0-9_-]{43}")"))) << text;

  // Partner B sees its own only, and naming A's organisation finds nothing.
  const Json b = run(maya, "m-2", "invitation.list", Json::object());
  ASSERT_EQ(b["t"], "ack") << b.dump();
  EXPECT_EQ(emails(b), std::vector<std::string>{"only.blue@blueharbor.example"});
  const Json aimed = run(maya, "m-3", "invitation.list", {{"org_id", acme}});
  EXPECT_EQ(aimed["t"], "error");
  EXPECT_EQ(aimed["code"], "not_found") << aimed.dump();
  EXPECT_EQ(aimed.dump().find("acme.example"), std::string::npos) << aimed.dump();

  // Acme inviting the same address as Blue Harbor does not withdraw Blue Harbor's invitation:
  // a new invitation replaces only its own organisation's open one.
  ASSERT_EQ(invite(dana, "d-5", "only.blue@blueharbor.example")["t"], "ack");
  EXPECT_EQ(emails(run(maya, "m-4", "invitation.list", Json::object())),
            std::vector<std::string>{"only.blue@blueharbor.example"});
  ASSERT_EQ(run(dana, "d-6", "invitation.revoke",
                {{"invitation_id",
                  run(dana, "d-7", "invitation.list", Json::object())["result"]["invitations"][0]
                      ["invitation_id"]}})["t"],
            "ack");

  // Those who may not invite may not list: a partner user, a partner manager.
  EXPECT_EQ(run(leo, "l-1", "invitation.list", Json::object())["code"], "forbidden");
  EXPECT_EQ(run(leo, "l-2", "invitation.list", {{"org_id", blue}})["code"], "not_found");
  EXPECT_EQ(run(priya, "p-1", "invitation.list", {{"org_id", acme}})["code"], "not_found");
  EXPECT_EQ(run(priya, "p-2", "invitation.list", Json::object())["code"], "forbidden");
  // A malformed payload is a validation error with the field named.
  const Json bad = run(dana, "d-4", "invitation.list", {{"org_id", 42}});
  EXPECT_EQ(bad["code"], "validation") << bad.dump();

  // A vendor admin lists any organisation, and by default the vendor's own team.
  const Json v = run(alex, "a-1", "invitation.list", {{"org_id", acme}});
  ASSERT_EQ(v["t"], "ack") << v.dump();
  EXPECT_EQ(emails(v), emails(a));
  ASSERT_EQ(invite(alex, "a-2", "new.manager@northwind.example", "partner_manager",
                   alex_w["org"]["id"])["t"],
            "ack");
  const Json own = run(alex, "a-3", "invitation.list", Json::object());
  ASSERT_EQ(own["t"], "ack") << own.dump();
  EXPECT_EQ(own["result"]["org_id"], alex_w["org"]["id"]);
  EXPECT_EQ(emails(own), std::vector<std::string>{"new.manager@northwind.example"});
  EXPECT_EQ(run(alex, "a-4", "invitation.list", {{"org_id", "no-such-org"}})["code"], "not_found");
}

TEST_F(InvitationListTest, RevokedAndAcceptedInvitationsLeaveTheList) {
  WsClient dana(port());
  log_in(dana, kDana);
  const std::string revoked =
      invite(dana, "r-1", "to.revoke@acme.example")["result"].value("invitation_id", "");
  ASSERT_FALSE(revoked.empty());
  ASSERT_EQ(invite(dana, "r-2", "to.accept@acme.example")["t"], "ack");
  ASSERT_EQ(invite(dana, "r-3", "stays.open@acme.example")["t"], "ack");
  EXPECT_EQ(emails(run(dana, "r-4", "invitation.list", Json::object())).size(), 3u);

  ASSERT_EQ(run(dana, "r-5", "invitation.revoke", {{"invitation_id", revoked}})["t"], "ack");
  const std::string token = mailed_token("to.accept@acme.example");
  ASSERT_EQ(token.size(), 43u);
  const HttpResponse accepted = http_request(
      port(), "POST", "/api/invitations/accept", {{"Content-Type", "application/json"}},
      Json{{"token", token}, {"password", "accepted-pass-2026"}, {"name", "Ada Accepted"}}.dump());
  ASSERT_EQ(accepted.status, 201) << accepted.body;

  const Json after = run(dana, "r-6", "invitation.list", Json::object());
  ASSERT_EQ(after["t"], "ack") << after.dump();
  EXPECT_EQ(emails(after), std::vector<std::string>{"stays.open@acme.example"});
  // Inviting the same e-mail again replaces the open invitation: still one row for it.
  ASSERT_EQ(invite(dana, "r-7", "stays.open@acme.example", "partner_admin")["t"], "ack");
  const Json replaced = run(dana, "r-8", "invitation.list", Json::object());
  ASSERT_EQ(emails(replaced), std::vector<std::string>{"stays.open@acme.example"});
  EXPECT_EQ(replaced["result"]["invitations"][0]["role"], "partner_admin");
}

TEST_F(InvitationListTest, CreateAndRevokeLeaveAnAuditRowInTheirTransaction) {
  WsClient dana(port()), alex(port());
  const Json dana_w = log_in(dana, kDana);
  log_in(alex, "alex.morgan@northwind.example");
  const std::string acme = dana_w["org"]["id"], dana_id = dana_w["user"]["id"];
  const auto rows = [&](const std::string& where) {
    return sql_int(db(), "SELECT COUNT(*) FROM audit_log WHERE " + where);
  };

  const Json created = invite(dana, "au-1", "audited.one@acme.example", "partner_admin");
  ASSERT_EQ(created["t"], "ack") << created.dump();
  const std::string id = created["result"]["invitation_id"];
  const std::string row = "action = 'invitation.create' AND target_id = '" + id + "'";
  ASSERT_EQ(rows(row), 1);
  EXPECT_EQ(sql_text(db(), "SELECT actor_id FROM audit_log WHERE " + row), dana_id);
  EXPECT_EQ(sql_text(db(), "SELECT actor_org_id FROM audit_log WHERE " + row), acme);
  EXPECT_EQ(sql_text(db(), "SELECT target_org FROM audit_log WHERE " + row), acme);
  EXPECT_EQ(sql_text(db(), "SELECT target_kind FROM audit_log WHERE " + row), "invitation");
  EXPECT_EQ(sql_text(db(), "SELECT summary FROM audit_log WHERE " + row),
            "Dana Fischer invited audited.one@acme.example as Partner admin");
  // The same command again (a resend after a reconnect) is answered from the record: no row.
  ASSERT_EQ(invite(dana, "au-1", "audited.one@acme.example", "partner_admin")["t"], "ack");
  EXPECT_EQ(rows(row), 1);
  // A refused command writes nothing.
  EXPECT_EQ(invite(dana, "au-2", "not-an-email")["code"], "validation");
  EXPECT_EQ(rows("action = 'invitation.create'"), 1);

  // A vendor admin's invitation into a partner, and its revocation by the partner's admin.
  const Json by_alex = invite(alex, "au-3", "from.vendor@acme.example", "partner_user", acme);
  ASSERT_EQ(by_alex["t"], "ack") << by_alex.dump();
  const std::string alex_inv = by_alex["result"]["invitation_id"];
  EXPECT_EQ(sql_text(db(), "SELECT summary FROM audit_log WHERE target_id = '" + alex_inv + "'"),
            "Alex Morgan invited from.vendor@acme.example as Partner user");
  EXPECT_EQ(sql_text(db(), "SELECT target_org FROM audit_log WHERE target_id = '" + alex_inv + "'"),
            acme);
  ASSERT_EQ(run(dana, "au-4", "invitation.revoke", {{"invitation_id", alex_inv}})["t"], "ack");
  const std::string revoke_row =
      "action = 'invitation.revoke' AND target_id = '" + alex_inv + "'";
  ASSERT_EQ(rows(revoke_row), 1);
  EXPECT_EQ(sql_text(db(), "SELECT actor_id FROM audit_log WHERE " + revoke_row), dana_id);
  EXPECT_EQ(sql_text(db(), "SELECT summary FROM audit_log WHERE " + revoke_row),
            "Dana Fischer withdrew the invitation of from.vendor@acme.example as Partner user");

  // No row, nor anything else in the audit trail, carries a token or its hash.
  const int64_t hashes = sql_int(
      db(), "SELECT COUNT(*) FROM audit_log a JOIN invitations i ON instr(a.summary, "
            "i.token_hash) > 0");
  EXPECT_EQ(hashes, 0);
  // The vendor admin reads the rows with audit.list, filtered to the partner.
  const Json list = run(alex, "au-5", "audit.list", {{"org_id", acme}});
  ASSERT_EQ(list["t"], "ack") << list.dump();
  int invitation_rows = 0;
  for (const Json& e : list["result"]["entries"])
    if (e.value("action", "").starts_with("invitation.")) ++invitation_rows;
  EXPECT_EQ(invitation_rows, 3) << list.dump();
}

}  // namespace
}  // namespace portal::testing
