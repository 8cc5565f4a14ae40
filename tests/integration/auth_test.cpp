// Logging in, resuming a session on a new connection, logging out, and the refusals around them.
#include <algorithm>
#include <ctime>

#include "support/portal_fixture.h"

namespace portal::testing {
namespace {

class AuthTest : public PortalTest {};

TEST_F(AuthTest, LoginGivesWelcomeWithUserOrgAndRooms) {
  WsClient ws(port());
  const Json welcome = log_in(ws, kDana);
  EXPECT_EQ(welcome["v"], kProtocolVersion);
  EXPECT_EQ(welcome["user"]["email"], kDana);
  EXPECT_EQ(welcome["user"]["name"], "Dana Fischer");
  EXPECT_EQ(welcome["user"]["role"], "partner_admin");
  EXPECT_EQ(welcome["org"]["name"], "Acme Integrations");
  EXPECT_EQ(welcome["org"]["tier"], "Gold");
  EXPECT_GE(welcome["token"].get<std::string>().size(), 40u);
  EXPECT_GT(welcome["expires_at"].get<int64_t>(), std::time(nullptr) + 6 * 24 * 3600);
  ASSERT_TRUE(welcome["rooms"].is_array());
  EXPECT_EQ(welcome["rooms"][0], "overview");
  EXPECT_NE(std::find(welcome["rooms"].begin(), welcome["rooms"].end(), "leads"),
            welcome["rooms"].end());
}

TEST_F(AuthTest, EmailIsMatchedWithoutCase) {
  WsClient ws(port());
  ws.send(login_frame("Dana.Fischer@ACME.example"));
  EXPECT_EQ(ws.expect()["t"], "welcome");
}

TEST_F(AuthTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  WsClient ws(port());
  ws.send(login_frame(kDana, "not-the-password"));
  const Json wrong = ws.expect();
  ws.send(login_frame("nobody@acme.example", "not-the-password"));
  const Json unknown = ws.expect();
  EXPECT_EQ(wrong["t"], "error");
  EXPECT_EQ(wrong["code"], "bad_credentials");
  EXPECT_EQ(wrong["message"], "E-mail or password is not right.");
  EXPECT_EQ(unknown, wrong);
}

TEST_F(AuthTest, EmptyEmailIsAValidationErrorWithFields) {
  WsClient ws(port());
  ws.send(login_frame("", kDemoPassword));
  const Json e = ws.expect();
  EXPECT_EQ(e["code"], "validation");
  ASSERT_TRUE(e["fields"].is_array());
  ASSERT_FALSE(e["fields"].empty());
  EXPECT_EQ(e["fields"][0]["field"], "email");
  EXPECT_FALSE(e["fields"][0]["message"].get<std::string>().empty());
}

TEST_F(AuthTest, ResumeOnANewConnectionKeepsTheToken) {
  std::string token;
  {
    WsClient first(port());
    token = log_in(first, kLeo)["token"];
  }
  WsClient second(port());
  second.send({{"t", "resume"}, {"v", kProtocolVersion}, {"token", token}});
  const Json welcome = second.expect();
  EXPECT_EQ(welcome["t"], "welcome");
  EXPECT_EQ(welcome["token"], token);
  EXPECT_EQ(welcome["user"]["email"], kLeo);
  // The resumed connection is logged in: it may subscribe.
  EXPECT_EQ(subscribe(second, "overview")["t"], "snapshot");
}

TEST_F(AuthTest, GarbageTokenIsSessionExpired) {
  WsClient ws(port());
  ws.send({{"t", "resume"}, {"v", kProtocolVersion}, {"token", "not-a-real-token"}});
  EXPECT_EQ(ws.expect()["code"], "session_expired");
  // Still not logged in afterwards.
  ws.send({{"t", "sub"}, {"room", "overview"}});
  EXPECT_EQ(ws.expect()["code"], "unauthenticated");
}

TEST_F(AuthTest, LogoutEndsTheSession) {
  WsClient ws(port());
  const std::string token = log_in(ws, kDana)["token"];
  ws.send({{"t", "logout"}});
  EXPECT_EQ(ws.expect(), Json({{"t", "bye"}, {"reason", "logged_out"}}));

  WsClient again(port());
  again.send({{"t", "resume"}, {"v", kProtocolVersion}, {"token", token}});
  EXPECT_EQ(again.expect()["code"], "session_expired");
}

TEST_F(AuthTest, OldProtocolVersionIsToldToReload) {
  WsClient ws(port());
  ws.send({{"t", "login"}, {"v", 99}, {"email", kDana}, {"password", kDemoPassword}});
  const Json e = ws.expect();
  EXPECT_EQ(e["code"], "version_mismatch");
  EXPECT_NE(e["message"].get<std::string>().find("Reload"), std::string::npos);
  ws.send({{"t", "resume"}, {"v", 0}, {"token", "abc"}});
  EXPECT_EQ(ws.expect()["code"], "version_mismatch");
}

TEST_F(AuthTest, RepeatedFailuresAreRateLimited) {
  WsClient ws(port());
  for (int i = 0; i < 5; ++i) {
    ws.send(login_frame(kMaya, "wrong-password-" + std::to_string(i)));
    EXPECT_EQ(ws.expect()["code"], "bad_credentials") << i;
  }
  // Even the right password is refused until the window has passed.
  ws.send(login_frame(kMaya));
  EXPECT_EQ(ws.expect()["code"], "rate_limited");
  // Other e-mails are not affected.
  ws.send(login_frame(kLeo));
  EXPECT_EQ(ws.expect()["t"], "welcome");
}

}  // namespace
}  // namespace portal::testing
