// The security review's findings on sessions, log-ins and the protocol, each over real sockets
// to a real server: a log-out ends every tab of its session, a session ended in the database
// ends its live connections, a connection that never logs in is closed, wrong passwords from
// one address lock no one out elsewhere, a log-in flood is refused instead of queued in front
// of signed-in users, a command id reused for another command is a conflict, a replay that
// finds nothing missed says so, and an invitation does not tell whether an address has an
// account in another organisation.
#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/admin_process.h"
#include "support/portal_fixture.h"

namespace portal::testing {
namespace {

using Clock = std::chrono::steady_clock;

class SessionSecurityTest : public PortalTest {};

Json cmd(const std::string& id, const std::string& type, const Json& payload) {
  return {{"t", "cmd"}, {"id", id}, {"type", type}, {"payload", payload}};
}

// The next frame answering command `id` (acks and errors carry it), skipping room events.
Json answer_to(WsClient& ws, const std::string& id) {
  while (auto f = ws.next(5s))
    if (f->value("id", "") == id) return *f;
  ADD_FAILURE() << "no answer to " << id;
  return Json::object();
}

// The next frame of type `t`, skipping others; an empty object when none comes.
Json next_of(WsClient& ws, const std::string& t, std::chrono::milliseconds timeout = 5s) {
  const auto until = Clock::now() + timeout;
  while (Clock::now() < until) {
    auto f = ws.next(std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()));
    if (!f) break;
    if (f->value("t", "") == t) return *f;
  }
  return Json::object();
}

Json resume_frame(const std::string& token) {
  return {{"t", "resume"}, {"v", kProtocolVersion}, {"token", token}};
}

bool answers_ping(WsClient& ws, int n) {
  ws.send({{"t", "ping"}, {"n", n}});
  return next_of(ws, "pong").value("n", -1) == n;
}

// [SECTION] ending sessions

TEST_F(SessionSecurityTest, LogoutEndsEveryTabOfTheSessionAtOnce) {
  WsClient tab_a(port());
  const std::string token = log_in(tab_a, kDana)["token"];
  WsClient tab_b(port());
  tab_b.send(resume_frame(token));
  ASSERT_EQ(tab_b.expect()["t"], "welcome");
  ASSERT_EQ(subscribe(tab_b, "leads")["t"], "snapshot");
  // Another log-in of the same user is another session: it stays.
  WsClient other_session(port());
  log_in(other_session, kDana);

  tab_a.send({{"t", "logout"}});
  EXPECT_EQ(tab_a.expect(), Json({{"t", "bye"}, {"reason", "logged_out"}}));
  // Tab B is told and closed, not left working on a dead session.
  EXPECT_EQ(next_of(tab_b, "bye"), Json({{"t", "bye"}, {"reason", "logged_out"}}));
  EXPECT_TRUE(tab_b.wait_closed().has_value()) << "tab B stayed open";

  // Nothing of the old session works on a new connection either.
  WsClient again(port());
  again.send(resume_frame(token));
  EXPECT_EQ(again.expect()["code"], "session_expired");
  // The tab that logged out may log in again on its connection.
  log_in(tab_a, kDana);
  // The other session is untouched: it still subscribes and works.
  EXPECT_EQ(subscribe(other_session, "leads")["t"], "snapshot");
  EXPECT_TRUE(answers_ping(other_session, 7));
}

TEST_F(SessionSecurityTest, ALoggedOutSessionCannotSendCommandsFromAnotherTab) {
  WsClient tab_a(port());
  const std::string token = log_in(tab_a, kLeo)["token"];
  WsClient tab_b(port());
  tab_b.send(resume_frame(token));
  ASSERT_EQ(tab_b.expect()["t"], "welcome");
  tab_a.send({{"t", "logout"}});
  ASSERT_EQ(tab_a.expect()["t"], "bye");
  ASSERT_EQ(next_of(tab_b, "bye")["reason"], "logged_out");
  // Whatever tab B still manages to send before its socket goes is refused.
  try {
    tab_b.send(cmd("after-logout", "lead.submit", lead_payload("Ghost Industries")));
    const std::optional<Json> reply = tab_b.next(2s);
    if (reply) EXPECT_NE((*reply)["t"], "ack") << reply->dump();
  } catch (const std::runtime_error&) {
    // The socket is closed already: nothing could be sent.
  }
  // And nothing was stored: Dana's Leads room has no such lead.
  WsClient dana(port());
  log_in(dana, kDana);
  const Json snap = subscribe(dana, "leads");
  EXPECT_EQ(snap.dump().find("Ghost Industries"), std::string::npos);
}

// A server with short deadlines, for the tests that wait for them.
struct QuickServer {
  TempDir dir;
  std::unique_ptr<ServerProcess> process;
  QuickServer() {
    write_public_dir(dir.path() / "public");
    process = std::make_unique<ServerProcess>(
        dir.path() / "data", dir.path() / "public",
        std::vector<std::string>{"--login-deadline", "2", "--session-check", "1"});
  }
  uint16_t port() const { return process->port(); }
  std::string data() const { return (dir.path() / "data").string(); }
};

TEST(SessionSecurityServerTest, APasswordResetEndsTheUsersLiveConnections) {
  QuickServer server;
  WsClient leo(server.port());
  log_in(leo, kLeo);
  ASSERT_EQ(subscribe(leo, "overview")["t"], "snapshot");
  WsClient dana(server.port());
  log_in(dana, kDana);

  // portal-admin is another process: it ends the sessions in the database only.
  ProgramRun r = run_admin({"reset-password", "--email", kLeo, "--data", server.data()},
                           "a-brand-new-password\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(next_of(leo, "bye", 10s), Json({{"t", "bye"}, {"reason", "session_expired"}}));
  EXPECT_TRUE(leo.wait_closed().has_value());
  // Dana's session did not end.
  EXPECT_TRUE(answers_ping(dana, 1));
  EXPECT_EQ(subscribe(dana, "overview")["t"], "snapshot");
}

TEST(SessionSecurityServerTest, AConnectionThatNeverLogsInIsClosedAfterTheDeadline) {
  QuickServer server;
  WsClient idle(server.port());
  WsClient user(server.port());
  log_in(user, kDana);
  const Json bye = next_of(idle, "bye", 10s);
  EXPECT_EQ(bye, Json({{"t", "bye"}, {"reason", "login_timeout"}}));
  EXPECT_TRUE(idle.wait_closed().has_value());
  // A connection with a user is not affected by the deadline.
  std::this_thread::sleep_for(1s);
  EXPECT_TRUE(answers_ping(user, 3));
}

// [SECTION] log-in limits

TEST_F(SessionSecurityTest, WrongPasswordsFromOneAddressDoNotLockTheOwnerOutElsewhere) {
  WsClient attacker(port(), "", "127.0.0.2");
  for (int i = 0; i < 5; ++i) {
    attacker.send(login_frame(kMaya, "wrong-password-" + std::to_string(i)));
    EXPECT_EQ(attacker.expect()["code"], "bad_credentials") << i;
  }
  // From that address, even the right password is refused for a while ...
  attacker.send(login_frame(kMaya));
  const Json refused = attacker.expect();
  EXPECT_EQ(refused["code"], "rate_limited");
  EXPECT_NE(refused["message"].get<std::string>().find("from your network"), std::string::npos);
  // ... other accounts from it are not ...
  attacker.send(login_frame(kLeo));
  EXPECT_EQ(attacker.expect()["t"], "welcome");
  // ... and the owner, from anywhere else, logs in at once.
  WsClient owner(port(), "", "127.0.0.3");
  owner.send(login_frame(kMaya));
  EXPECT_EQ(owner.expect()["t"], "welcome");
}

TEST_F(SessionSecurityTest, AnAddressThatGuessesAtManyAccountsIsRefusedForAll) {
  WsClient guesser(port(), "", "127.0.0.4");
  for (int i = 0; i < 30; ++i) {
    guesser.send(login_frame("someone" + std::to_string(i) + "@acme.example", "guess-" +
                                                                                 std::to_string(i)));
    EXPECT_EQ(guesser.expect(10s)["code"], "bad_credentials") << i;
  }
  guesser.send(login_frame(kLeo));
  EXPECT_EQ(guesser.expect()["code"], "rate_limited");
  WsClient elsewhere(port(), "", "127.0.0.5");
  elsewhere.send(login_frame(kLeo));
  EXPECT_EQ(elsewhere.expect()["t"], "welcome");
}

TEST_F(SessionSecurityTest, ALogInFloodIsRefusedAndSignedInUsersAreAnsweredFirst) {
  WsClient dana(port());
  log_in(dana, kDana);
  // 96 strangers, each from its own address, each sending a log-in for a made-up e-mail at
  // once: more than the hash queue takes (64).
  std::vector<std::unique_ptr<WsClient>> flood;
  for (int i = 0; i < 96; ++i)
    flood.push_back(std::make_unique<WsClient>(port(), "", "127.0.1." + std::to_string(i + 1)));
  for (int i = 0; i < 96; ++i)
    flood[i]->send(login_frame("flood" + std::to_string(i) + "@nowhere.example", "guess-guess"));
  // While the checks run, a signed-in user's ping and command are answered.
  dana.send({{"t", "ping"}, {"n", 42}});
  dana.send(cmd("during-flood", "lead.submit", lead_payload("Flood Time Ltd")));
  EXPECT_EQ(next_of(dana, "pong").value("n", -1), 42);
  EXPECT_EQ(answer_to(dana, "during-flood")["t"], "ack");
  // ... before the flood's password checks are over: some strangers still wait for theirs.
  std::vector<std::optional<Json>> replies(flood.size());
  int still_waiting = 0;
  for (size_t i = 0; i < flood.size(); ++i) {
    replies[i] = flood[i]->next(1ms);
    if (!replies[i]) ++still_waiting;
  }
  EXPECT_GT(still_waiting, 0) << "the signed-in user was answered only after the flood";

  int refused = 0, checked = 0;
  for (size_t i = 0; i < flood.size(); ++i) {
    const Json reply = replies[i] ? *replies[i] : flood[i]->expect(20s);
    if (reply["code"] == "rate_limited") {
      ++refused;
    } else {
      EXPECT_EQ(reply["code"], "bad_credentials") << reply.dump();
      ++checked;
    }
  }
  // The queue takes 64; the few checked while the 96 arrived free places for a few more.
  EXPECT_GE(refused, 16) << "the log-ins queued up instead of being refused";
  EXPECT_GT(checked, 0);
  EXPECT_EQ(refused + checked, 96);
}

TEST_F(SessionSecurityTest, OneAddressGetsOnlyItsShareOfTheLogInQueue) {
  std::vector<std::unique_ptr<WsClient>> same;
  for (int i = 0; i < 24; ++i) same.push_back(std::make_unique<WsClient>(port(), "", "127.0.0.9"));
  for (int i = 0; i < 24; ++i)
    same[i]->send(login_frame("share" + std::to_string(i) + "@nowhere.example", "guess-guess"));
  int busy = 0;
  for (auto& ws : same) {
    const Json reply = ws->expect(20s);
    if (reply["code"] == "rate_limited") {
      ++busy;
      EXPECT_NE(reply["message"].get<std::string>().find("at once"), std::string::npos);
    }
  }
  EXPECT_GE(busy, 24 - 16 - 2);  // at most 16 of an address's log-ins wait (a few are done)
  // Another address is not held up by that one.
  WsClient other(port(), "", "127.0.0.10");
  other.send(login_frame(kLeo));
  EXPECT_EQ(other.expect()["t"], "welcome");
}

TEST_F(SessionSecurityTest, AnotherAddressIsServedBeforeABurstFromOneAddress) {
  std::vector<std::unique_ptr<WsClient>> burst;
  for (int i = 0; i < 16; ++i)
    burst.push_back(std::make_unique<WsClient>(port(), "", "127.0.0.11"));
  for (int i = 0; i < 16; ++i)
    burst[i]->send(login_frame("burst" + std::to_string(i) + "@nowhere.example", "guess-guess"));
  // Leo, from elsewhere, comes after the whole burst but is checked after at most a few of it.
  WsClient leo(port(), "", "127.0.0.12");
  leo.send(login_frame(kLeo));
  EXPECT_EQ(leo.expect(20s)["t"], "welcome");
  int still_waiting = 0;
  for (auto& ws : burst)
    if (!ws->next(1ms)) ++still_waiting;
  EXPECT_GE(still_waiting, 8) << "Leo waited behind the other address's burst";
  for (auto& ws : burst) ws->next(20s);
}

// [SECTION] protocol edges

TEST_F(SessionSecurityTest, ACommandIdReusedForAnotherCommandIsAConflict) {
  WsClient dana(port());
  log_in(dana, kDana);
  dana.send(cmd("reused-1", "lead.submit", lead_payload("Reuse Robotics")));
  const Json first = answer_to(dana, "reused-1");
  ASSERT_EQ(first["t"], "ack") << first.dump();
  // The same id for another command: refused, not answered with the lead's ack.
  dana.send(cmd("reused-1", "account.add", {{"name", "Reuse Customer"}}));
  const Json conflict = answer_to(dana, "reused-1");
  EXPECT_EQ(conflict["t"], "error") << conflict.dump();
  EXPECT_EQ(conflict["code"], "conflict");
  // The same command again is still a replay of the first answer.
  dana.send(cmd("reused-1", "lead.submit", lead_payload("Reuse Robotics")));
  const Json replay = answer_to(dana, "reused-1");
  EXPECT_EQ(replay["t"], "ack");
  EXPECT_EQ(replay["result"], first["result"]);
}

TEST_F(SessionSecurityTest, ASubscriptionWithNothingMissedSaysItIsCaughtUp) {
  WsClient dana(port());
  const std::string token = log_in(dana, kDana)["token"];
  const Json snap = subscribe(dana, "leads");
  ASSERT_EQ(snap["t"], "snapshot");
  const int64_t seq = snap["seq"];

  WsClient tab(port());
  tab.send(resume_frame(token));
  ASSERT_EQ(tab.expect()["t"], "welcome");
  tab.send({{"t", "sub"}, {"room", "leads"}, {"after", seq}});
  EXPECT_EQ(tab.expect(), Json({{"t", "caught_up"}, {"room", "leads"}, {"seq", seq}}));

  // With something missed: the events, then caught_up at the last of them.
  dana.send(cmd("caught-1", "lead.submit", lead_payload("Caught Up GmbH")));
  const Json event = next_of(tab, "event");
  ASSERT_EQ(event["room"], "leads");
  const int64_t after_lead = event["seq"];
  WsClient late(port());
  late.send(resume_frame(token));
  ASSERT_EQ(late.expect()["t"], "welcome");
  late.send({{"t", "sub"}, {"room", "leads"}, {"after", seq}});
  int64_t last = seq;
  for (;;) {
    const Json f = late.expect();
    if (f["t"] == "caught_up") {
      EXPECT_EQ(f["seq"], last);
      break;
    }
    ASSERT_EQ(f["t"], "event") << f.dump();
    last = f["seq"];
  }
  EXPECT_GE(last, after_lead);
}

TEST_F(SessionSecurityTest, AnInvitationDoesNotTellWhetherAnAddressHasAnAccountElsewhere) {
  WsClient dana(port());
  log_in(dana, kDana);
  dana.send(cmd("inv-other", "invitation.create",
                {{"email", kMaya}, {"name", "Maya"}, {"role", "partner_user"}}));
  const Json other = answer_to(dana, "inv-other");
  EXPECT_EQ(other["code"], "conflict");
  EXPECT_EQ(other["message"], "This e-mail address cannot be invited.");
  EXPECT_EQ(other.dump().find("account"), std::string::npos) << other.dump();
  EXPECT_EQ(other.dump().find("already"), std::string::npos) << other.dump();
  // The organisation's own users may be named as such.
  dana.send(cmd("inv-own", "invitation.create",
                {{"email", kLeo}, {"name", "Leo"}, {"role", "partner_user"}}));
  const Json own = answer_to(dana, "inv-own");
  EXPECT_EQ(own["code"], "conflict");
  EXPECT_NE(own["message"].get<std::string>().find("your organisation"), std::string::npos);
}

}  // namespace
}  // namespace portal::testing
