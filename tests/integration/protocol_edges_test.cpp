// What browsers never send but broken or hostile clients do, over raw sockets: close frames with
// codes or reasons RFC 6455 forbids, malformed handshakes, and requests too large to read, whose
// refusal must still reach the client whole.
#include <optional>
#include <string>

#include "support/portal_fixture.h"
#include "support/raw_socket.h"

namespace portal::testing {
namespace {

class ProtocolEdgesTest : public PortalTest {};

constexpr auto kWait = 5s;
constexpr const char* kSampleKey = "dGhlIHNhbXBsZSBub25jZQ==";  // RFC 6455 1.3
constexpr const char* kSampleAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
// How often each refusal is tried: a reset that destroys the answer is a race, not a certainty.
constexpr int kAttempts = 20;

std::string host(uint16_t port) {
  return "Host: 127.0.0.1:" + std::to_string(port) + "\r\n";
}

std::string upgrade_request(uint16_t port, const std::string& key,
                            const std::string& version = "13") {
  return "GET /ws HTTP/1.1\r\n" + host(port) +
         "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
         "\r\nSec-WebSocket-Version: " + version + "\r\n\r\n";
}

// What the server answers a handshake it refuses: the whole response, read until it closes.
std::optional<HttpResponse> refused_handshake(uint16_t port, const std::string& key,
                                              const std::string& version = "13") {
  RawSocket socket(port);
  return parse_complete_response(
      socket.write_while_reading(upgrade_request(port, key, version), kWait));
}

// The head of the server's answer to a handshake on `socket`; the connection stays open.
std::string handshake(RawSocket& socket, uint16_t port, const std::string& key) {
  socket.write(upgrade_request(port, key));
  return socket.read_until("\r\n\r\n", kWait).value_or("");
}

// A client frame of fewer than 126 bytes, masked as RFC 6455 requires of clients.
std::string masked_frame(uint8_t first, const std::string& payload) {
  const char mask[4] = {0x37, 0x5a, 0x11, 0x6c};
  std::string frame;
  frame.push_back(static_cast<char>(first));
  frame.push_back(static_cast<char>(0x80 | payload.size()));
  frame.append(mask, 4);
  for (size_t i = 0; i < payload.size(); ++i)
    frame.push_back(static_cast<char>(payload[i] ^ mask[i & 3]));
  return frame;
}

std::string close_body(uint16_t code, const std::string& reason = "") {
  std::string body;
  body.push_back(static_cast<char>(code >> 8));
  body.push_back(static_cast<char>(code & 0xFF));
  return body + reason;
}

struct Frame {
  int opcode = 0;
  std::string payload;
};

// One server frame (never masked).
std::optional<Frame> read_frame(RawSocket& socket) {
  const auto head = socket.read_exactly(2, kWait);
  if (!head) return std::nullopt;
  uint64_t length = static_cast<uint8_t>((*head)[1]) & 0x7F;
  if (length >= 126) {
    const auto extended = socket.read_exactly(length == 126 ? 2 : 8, kWait);
    if (!extended) return std::nullopt;
    length = 0;
    for (char c : *extended) length = (length << 8) | static_cast<uint8_t>(c);
  }
  const auto payload = socket.read_exactly(static_cast<size_t>(length), kWait);
  if (!payload) return std::nullopt;
  return Frame{static_cast<uint8_t>((*head)[0]) & 0x0F, *payload};
}

// Opens a WebSocket, sends a close frame with `close_payload` and returns the code of the
// server's close frame (0 when it has none); nothing when no close frame comes.
std::optional<int> close_answer(uint16_t port, const std::string& close_payload) {
  RawSocket socket(port);
  const std::string head = handshake(socket, port, kSampleKey);
  EXPECT_EQ(head.substr(0, 12), "HTTP/1.1 101") << head;
  socket.write(masked_frame(0x88, close_payload));
  // Whatever the server said before it read the close (a greeting) comes first.
  while (const auto frame = read_frame(socket)) {
    if (frame->opcode != 0x8) continue;
    if (frame->payload.size() < 2) return 0;
    return (static_cast<uint8_t>(frame->payload[0]) << 8) | static_cast<uint8_t>(frame->payload[1]);
  }
  return std::nullopt;
}

// [SECTION] close frames

TEST_F(ProtocolEdgesTest, CloseCodesNotAllowedOnTheWireAreAnsweredWithProtocolError) {
  for (uint16_t code : {1006, 999, 5000, 1004, 1005, 1015, 0, 2999}) {
    EXPECT_EQ(close_answer(port(), close_body(code)), 1002) << code;
  }
}

TEST_F(ProtocolEdgesTest, ACloseReasonThatIsNotUtf8IsAnsweredWithInvalidData) {
  EXPECT_EQ(close_answer(port(), close_body(1000, "\xC0\xAF")), 1007);
  EXPECT_EQ(close_answer(port(), close_body(4000, "bye \xED\xA0\x80")), 1007);
}

TEST_F(ProtocolEdgesTest, ValidClosesAreAnsweredWithTheirOwnCode) {
  EXPECT_EQ(close_answer(port(), close_body(1000, "bye")), 1000);
  EXPECT_EQ(close_answer(port(), close_body(4000)), 4000);
  EXPECT_EQ(close_answer(port(), close_body(1001, "Tsch\xC3\xBCss")), 1001);
  EXPECT_EQ(close_answer(port(), ""), 1000);  // no code given
}

// [SECTION] handshakes

TEST_F(ProtocolEdgesTest, AKeyThatIsNotBase64OfSixteenBytesIsRefusedWith400) {
  for (const char* key : {"abc", "dGhlIHNhbXBsZSBub25jZSE=", "dGhlIHNhbXBsZSBub25j*Q=="}) {
    const auto res = refused_handshake(port(), key);
    ASSERT_TRUE(res.has_value()) << key;
    EXPECT_EQ(res->status, 400) << key;
  }
}

TEST_F(ProtocolEdgesTest, AValidKeyIsUpgradedWithTheMatchingAccept) {
  RawSocket socket(port());
  const std::string head = handshake(socket, port(), kSampleKey);
  EXPECT_EQ(head.substr(0, 12), "HTTP/1.1 101") << head;
  EXPECT_NE(head.find(std::string("Sec-WebSocket-Accept: ") + kSampleAccept), std::string::npos)
      << head;
}

TEST_F(ProtocolEdgesTest, AnotherVersionIsRefusedWith426NamingVersion13) {
  for (const char* version : {"8", "14", "abc"}) {
    const auto res = refused_handshake(port(), kSampleKey, version);
    ASSERT_TRUE(res.has_value()) << version;
    EXPECT_EQ(res->status, 426) << version;
    EXPECT_EQ(res->header("sec-websocket-version"), "13") << version;
  }
}

// [SECTION] oversized requests

// A client on a slow line, as far as loopback can play one: a small receive window, earlier
// answers it has not read yet, and the refused request behind them. Its refusal then still sits
// in the server's send queue when the server is done with the connection; closing the socket
// over the unread rest of the request would reset it and throw that queue away.
void expect_whole_answer(uint16_t port, const std::string& request, int status,
                         const std::string& body, int attempt) {
  constexpr int kQueued = 100;
  std::string requests;
  for (int i = 0; i < kQueued; ++i) requests += "GET /healthz HTTP/1.1\r\n" + host(port) + "\r\n";
  requests += request;
  RawSocket socket(port, 4096);
  const std::string received = socket.write_while_reading(requests, kWait, 100ms);
  const auto answers = parse_complete_responses(received);
  ASSERT_EQ(answers.size(), kQueued + 1u)
      << "attempt " << attempt << ": " << received.size() << " bytes of answers";
  EXPECT_EQ(answers.front().status, 200) << attempt;
  EXPECT_EQ(answers.back().status, status) << attempt;
  if (!body.empty()) {
    EXPECT_EQ(answers.back().body, body) << attempt;
  }
}

TEST_F(ProtocolEdgesTest, TooLargeHeadersAlwaysGetTheWhole431) {
  std::string request = "GET / HTTP/1.1\r\n" + host(port());
  for (int i = 0; i < 20; ++i)
    request += "X-Filler-" + std::to_string(i) + ": " + std::string(1024, 'a') + "\r\n";
  request += "\r\n";
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    expect_whole_answer(port(), request, 431, "Request headers too large.\n", attempt);
  }
}

TEST_F(ProtocolEdgesTest, ATooLargeBodyThatIsSentAnywayAlwaysGetsTheWhole413) {
  const std::string body(1 << 20, 'b');
  const std::string request =
      "POST /healthz HTTP/1.1\r\n" + host(port()) +
      "Content-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
      body;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    expect_whole_answer(port(), request, 413, "Request body too large.\n", attempt);
  }
}

TEST_F(ProtocolEdgesTest, ATooLargeUploadThatIsSentAnywayAlwaysGetsTheWhole413) {
  // Announced over the 25 MiB limit; the first 2 MiB follow before the client reads.
  const std::string request = "POST /api/uploads HTTP/1.1\r\n" + host(port()) +
                              "Content-Type: application/pdf\r\nX-File-Name: huge.pdf\r\n"
                              "Content-Length: " +
                              std::to_string((25 << 20) + 1) + "\r\n\r\n" +
                              std::string(2 << 20, 'u');
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    expect_whole_answer(port(), request, 413, "", attempt);
  }
}

TEST_F(ProtocolEdgesTest, AMalformedRequestWithMoreBehindItAlwaysGetsTheWhole400) {
  const std::string request = "GET / HTTP/1.1\r\n" + host(port()) + "Not a header line\r\n\r\n" +
                              std::string(64 * 1024, 'x');
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    expect_whole_answer(port(), request, 400, "Bad request.\n", attempt);
  }
}

}  // namespace
}  // namespace portal::testing
