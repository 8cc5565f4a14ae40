// Garbage in, typed errors out: every bad frame is answered and the connection stays usable.
#include "support/portal_fixture.h"

namespace portal::testing {
namespace {

class FramesTest : public PortalTest {};

// Sends a ping and expects the matching pong: proof the connection still works.
void expect_usable(WsClient& ws, int n) {
  ws.send({{"t", "ping"}, {"n", n}});
  EXPECT_EQ(ws.expect(), Json({{"t", "pong"}, {"n", n}}));
}

TEST_F(FramesTest, PingGetsPong) {
  WsClient ws(port());
  ws.send({{"t", "ping"}, {"n", 123456789012}});
  EXPECT_EQ(ws.expect(), Json({{"t", "pong"}, {"n", 123456789012}}));
}

TEST_F(FramesTest, MalformedFramesGetTypedErrorsAndTheConnectionStays) {
  struct Case {
    std::string text;
    const char* code;
  };
  const std::vector<Case> cases = {
      {"this is not json", "bad_frame"},
      {"{\"t\":\"login\",", "bad_frame"},
      {"[1,2,3]", "bad_frame"},
      {"\"just a string\"", "bad_frame"},
      {"{}", "bad_frame"},
      {R"({"v":2,"email":"a@b.c"})", "bad_frame"},
      {R"({"t":42})", "bad_frame"},
      {R"({"t":"launch_missiles"})", "unknown_type"},
      {R"({"t":"login","v":2,"email":5,"password":"x"})", "bad_frame"},
      {R"({"t":"login","v":"1","email":"a@b.c","password":"secret123"})", "bad_frame"},
      {R"({"t":"ping","n":"seven"})", "bad_frame"},
      {R"({"t":"sub","room":7})", "unauthenticated"},
      {std::string(100 * 1024, ' ') + "{}", "too_large"},
      {"{\"t\":\"ping\",\"pad\":\"" + std::string(70 * 1024, 'x') + "\"}", "too_large"},
      {std::string(40, '[') + std::string(40, ']'), "bad_frame"},
      // A long non-ASCII type: the error message quoting (and cutting) it must still be valid
      // JSON. (Invalid UTF-8 cannot be tested here: RFC 6455 makes the WebSocket layer fail
      // such a text frame with close code 1007 before the application sees it.)
      {"{\"t\":\"a" + [] {
         std::string s;
         for (int i = 0; i < 40; ++i) s += "\xC3\xA9";
         return s;
       }() + "\"}",
       "unknown_type"},
  };
  WsClient ws(port());
  int n = 0;
  for (const Case& c : cases) {
    ws.send_text(c.text);
    const Json e = ws.expect();
    EXPECT_EQ(e.value("t", ""), "error") << c.text.substr(0, 60);
    // A frame with the wrong field type before log-in may be refused either way.
    if (std::string(c.code) == "unauthenticated") {
      EXPECT_TRUE(e["code"] == "unauthenticated" || e["code"] == "bad_frame") << e.dump();
    } else {
      EXPECT_EQ(e.value("code", ""), c.code) << c.text.substr(0, 60);
    }
    EXPECT_FALSE(e.value("message", "").empty());
    expect_usable(ws, ++n);
  }
  ws.send_binary("\x01\x02\x03");
  EXPECT_EQ(ws.expect()["code"], "bad_frame");
  expect_usable(ws, ++n);
}

TEST_F(FramesTest, MalformedFramesAfterLoginKeepTheSession) {
  WsClient ws(port());
  log_in(ws, kLeo);
  ws.send_text("nonsense");
  EXPECT_EQ(ws.expect()["code"], "bad_frame");
  ws.send({{"t", "cmd"}, {"id", "c-1"}, {"type", "rocket.launch"}, {"payload", Json::object()}});
  const Json e = ws.expect();
  EXPECT_EQ(e["code"], "unknown_type");
  EXPECT_EQ(e["id"], "c-1");
  ws.send({{"t", "cmd"}, {"id", ""}, {"type", "lead.submit"}});
  EXPECT_EQ(ws.expect()["code"], "bad_frame");
  ws.send({{"t", "sub"}, {"room", "no-such-room"}});
  EXPECT_EQ(ws.expect()["code"], "not_found");
  // Still logged in.
  EXPECT_EQ(subscribe(ws, "overview")["t"], "snapshot");
}

TEST_F(FramesTest, CommandsBeforeLoginAreRefused) {
  WsClient ws(port());
  ws.send(submit_frame("early-1", lead_payload("Too Early Ltd")));
  const Json e = ws.expect();
  EXPECT_EQ(e["code"], "unauthenticated");
  EXPECT_EQ(e["id"], "early-1");
  ws.send({{"t", "sub"}, {"room", "overview"}});
  EXPECT_EQ(ws.expect()["code"], "unauthenticated");
  ws.send({{"t", "logout"}});
  EXPECT_EQ(ws.expect()["code"], "unauthenticated");
  expect_usable(ws, 1);
}

}  // namespace
}  // namespace portal::testing

namespace portal::testing {
namespace {

TEST_F(FramesTest, AFrameBeyondTheHardLimitClosesOnlyThatConnection) {
  WsClient ws(port());
  // The server may cut the connection while the 2 MiB are still being written (the write then
  // fails with a broken pipe); when the write completes, the close code must say why.
  bool write_cut = false;
  try {
    ws.send_text("{\"t\":\"ping\",\"pad\":\"" + std::string(2 * 1024 * 1024, 'x') + "\"}");
  } catch (const std::exception&) {
    write_cut = true;
  }
  if (!write_cut) {
    EXPECT_EQ(ws.wait_closed(), 1009);  // "message too big"
  }
  WsClient other(port());
  other.send({{"t", "ping"}, {"n", 1}});
  EXPECT_EQ(other.expect(), Json({{"t", "pong"}, {"n", 1}}));
}

}  // namespace
}  // namespace portal::testing
