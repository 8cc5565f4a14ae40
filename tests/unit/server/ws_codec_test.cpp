// The server's WebSocket framing: headers it writes, and what it makes of the bytes a client
// sends, however they are split, including broken and hostile input.
#include "net/ws_codec.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace portal::server::ws {
namespace {

// A client frame as browsers send it: masked, with the given first byte (FIN + opcode).
std::string client_frame(uint8_t first, const std::string& payload,
                         uint32_t mask_key = 0x1a2b3c4d) {
  std::string f;
  f.push_back(static_cast<char>(first));
  const uint64_t n = payload.size();
  if (n < 126) {
    f.push_back(static_cast<char>(0x80 | n));
  } else if (n <= 0xFFFF) {
    f.push_back(static_cast<char>(0x80 | 126));
    f.push_back(static_cast<char>(n >> 8));
    f.push_back(static_cast<char>(n & 0xFF));
  } else {
    f.push_back(static_cast<char>(0x80 | 127));
    for (int i = 0; i < 8; ++i) f.push_back(static_cast<char>(n >> (56 - 8 * i)));
  }
  const uint8_t mask[4] = {static_cast<uint8_t>(mask_key >> 24), static_cast<uint8_t>(mask_key >> 16),
                           static_cast<uint8_t>(mask_key >> 8), static_cast<uint8_t>(mask_key)};
  f.append(reinterpret_cast<const char*>(mask), 4);
  for (size_t i = 0; i < payload.size(); ++i)
    f.push_back(static_cast<char>(payload[i] ^ mask[i & 3]));
  return f;
}

std::string text(const std::string& s) { return client_frame(0x81, s); }

std::vector<Received> read_all(const std::string& bytes, size_t limit = 1 << 20) {
  Reader reader(limit);
  std::vector<Received> out;
  reader.feed(bytes, out);
  return out;
}

TEST(WsCodec, HeadersUseTheShortestLengthForm) {
  uint8_t h[kMaxHeaderBytes];
  EXPECT_EQ(encode_header(Opcode::kText, 125, h), 2u);
  EXPECT_EQ(h[0], 0x81);
  EXPECT_EQ(h[1], 125);
  EXPECT_EQ(encode_header(Opcode::kText, 126, h), 4u);
  EXPECT_EQ(h[1], 126);
  EXPECT_EQ((h[2] << 8) | h[3], 126);
  EXPECT_EQ(encode_header(Opcode::kClose, 65535, h), 4u);
  EXPECT_EQ(h[0], 0x88);
  EXPECT_EQ(encode_header(Opcode::kText, 65536, h), 10u);
  EXPECT_EQ(h[1], 127);
  EXPECT_EQ(h[7], 1);  // 0x0000000000010000
  EXPECT_EQ(h[8], 0);
}

TEST(WsCodec, ClosePayloadCarriesTheCodeInNetworkOrder) {
  const std::string p = close_payload(kCloseGoingAway, "bye");
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(static_cast<uint8_t>(p[0]), 0x03);
  EXPECT_EQ(static_cast<uint8_t>(p[1]), 0xE9);  // 1001
  EXPECT_EQ(p.substr(2), "bye");
}

TEST(WsCodec, ReadsMaskedTextOfEveryLengthForm) {
  for (size_t n : {size_t{0}, size_t{5}, size_t{125}, size_t{126}, size_t{70000}}) {
    const std::string payload(n, 'q');
    const auto got = read_all(text(payload));
    ASSERT_EQ(got.size(), 1u) << n;
    EXPECT_EQ(got[0].kind, Received::Kind::kText);
    EXPECT_EQ(got[0].data, payload);
  }
}

TEST(WsCodec, ReassemblesFragmentsAroundAControlFrame) {
  const std::string bytes = client_frame(0x01, "{\"t\":") + client_frame(0x89, "hi") +
                            client_frame(0x00, "\"ping\",") + client_frame(0x80, "\"n\":1}");
  const auto got = read_all(bytes);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].kind, Received::Kind::kPing);
  EXPECT_EQ(got[0].data, "hi");
  EXPECT_EQ(got[1].kind, Received::Kind::kText);
  EXPECT_EQ(got[1].data, "{\"t\":\"ping\",\"n\":1}");
}

TEST(WsCodec, SplitAnywhereTheResultIsTheSame) {
  const std::string bytes = text("first") + client_frame(0x8A, "") + text(std::string(300, 'x')) +
                            client_frame(0x82, "\x01\x02") + client_frame(0x88, close_payload(1000));
  const auto whole = read_all(bytes);
  ASSERT_EQ(whole.size(), 5u);
  EXPECT_EQ(whole[4].kind, Received::Kind::kClose);
  EXPECT_EQ(whole[4].code, 1000);
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    Reader reader(1 << 20);
    std::vector<Received> out;
    size_t at = 0;
    while (at < bytes.size()) {
      const size_t step = 1 + rng() % 40;
      reader.feed(std::string_view(bytes).substr(at, step), out);
      at += step;
    }
    ASSERT_EQ(out.size(), whole.size());
    for (size_t i = 0; i < out.size(); ++i) {
      EXPECT_EQ(out[i].kind, whole[i].kind);
      EXPECT_EQ(out[i].data, whole[i].data);
    }
  }
}

TEST(WsCodec, ACloseWithoutCodeReads1005AndEndsReading) {
  Reader reader(1024);
  std::vector<Received> out;
  reader.feed(client_frame(0x88, "") + text("after the close"), out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, Received::Kind::kClose);
  EXPECT_EQ(out[0].code, 1005);
  EXPECT_EQ(out[0].reply, kCloseNormal);
  EXPECT_TRUE(reader.finished());
}

std::string close_frame(uint16_t code, const std::string& reason = "") {
  return client_frame(0x88, close_payload(code, reason));
}

TEST(WsCodec, ACloseWithACodeNotAllowedOnTheWireIsAnsweredWithProtocolError) {
  // Unassigned, reserved, and the three codes that only stand for "no code" or "no connection".
  for (uint16_t code : {0, 1, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
    const auto got = read_all(close_frame(code, "bye"));
    ASSERT_EQ(got.size(), 1u) << code;
    EXPECT_EQ(got[0].kind, Received::Kind::kClose) << code;
    EXPECT_EQ(got[0].code, code);
    EXPECT_EQ(got[0].reply, kCloseProtocolError) << code;
    EXPECT_EQ(got[0].data, "invalid close code");
  }
}

TEST(WsCodec, ACloseWithAValidCodeIsAnsweredWithThatCode) {
  for (uint16_t code : {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
                        3000, 3999, 4000, 4999}) {
    const auto got = read_all(close_frame(code, "bye"));
    ASSERT_EQ(got.size(), 1u) << code;
    EXPECT_EQ(got[0].kind, Received::Kind::kClose) << code;
    EXPECT_EQ(got[0].code, code);
    EXPECT_EQ(got[0].reply, code);
    EXPECT_EQ(got[0].data, "") << code;
  }
}

TEST(WsCodec, ACloseReasonThatIsNotUtf8IsAnsweredWithInvalidData) {
  const std::vector<std::pair<std::string, const char*>> cases = {
      {"\x80", "a lone continuation byte"},
      {"ok\xBF", "a continuation byte after ASCII"},
      {"\xC0\xAF", "an overlong '/'"},
      {"\xE0\x80\xAF", "an overlong '/' in three bytes"},
      {"\xED\xA0\x80", "a UTF-16 surrogate"},
      {"\xE2\x82", "a sequence cut short"},
      {"caf\xC3", "a sequence cut short at the end"},
      {"\xF4\x90\x80\x80", "past U+10FFFF"},
      {"\xF5\x80\x80\x80", "a lead byte past U+10FFFF"},
      {"\xFF", "a byte that is never UTF-8"},
  };
  for (const auto& [reason, what] : cases) {
    const auto got = read_all(close_frame(kCloseNormal, reason));
    ASSERT_EQ(got.size(), 1u) << what;
    EXPECT_EQ(got[0].kind, Received::Kind::kClose) << what;
    EXPECT_EQ(got[0].reply, kCloseInvalidData) << what;
    EXPECT_EQ(got[0].data, "close reason not UTF-8") << what;
  }
}

TEST(WsCodec, ACloseReasonInMultiByteUtf8IsAccepted) {
  // Two-, three- and four-byte sequences, including the highest code point.
  const std::string reason =
      "Tsch\xC3\xBCss \xE2\x80\x93 \xE5\x86\x8D\xE8\xA7\x81 "
      "\xF0\x9F\x91\x8B \xF4\x8F\xBF\xBF";
  const auto got = read_all(close_frame(kCloseGoingAway, reason));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].kind, Received::Kind::kClose);
  EXPECT_EQ(got[0].reply, kCloseGoingAway);
  EXPECT_EQ(got[0].data, "");
}

TEST(WsCodec, AKeyMustBeBase64OfSixteenBytes) {
  EXPECT_TRUE(is_valid_key("dGhlIHNhbXBsZSBub25jZQ=="));  // the example of RFC 6455 1.3
  EXPECT_TRUE(is_valid_key("AAAAAAAAAAAAAAAAAAAAAA=="));
  EXPECT_TRUE(is_valid_key("+/+/+/+/+/+/+/+/+/+/+w=="));
  EXPECT_FALSE(is_valid_key(""));
  EXPECT_FALSE(is_valid_key("abc"));
  EXPECT_FALSE(is_valid_key("dGhlIHNhbXBsZSBub25jZQ"));        // no padding
  EXPECT_FALSE(is_valid_key("dGhlIHNhbXBsZSBub25jZQ="));       // too little padding
  EXPECT_FALSE(is_valid_key("dGhlIHNhbXBsZSBub25jZSE="));      // 17 bytes
  EXPECT_FALSE(is_valid_key("dGhlIHNhbXBsZSBub25j"));          // 15 bytes
  EXPECT_FALSE(is_valid_key("dGhlIHNhbXBsZSBub25jZQ==AAAA"));  // 19 bytes
  EXPECT_FALSE(is_valid_key("dGhlIHNhbXBsZSBub25j*Q=="));      // not a base64 digit
  EXPECT_FALSE(is_valid_key("dGhlIHNhbXBsZSBub25j ZQ=="));
  EXPECT_FALSE(is_valid_key("dGhlIHNhbXBsZSBub25jZ==="));
}

TEST(WsCodec, RefusesWhatBreaksTheFramingRules) {
  std::string unmasked = "\x81\x02hi";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {unmasked, "client frame not masked"},
      {client_frame(0xC1, "x"), "reserved bits set"},
      {client_frame(0x83, "x"), "unknown opcode"},
      {client_frame(0x80, "x"), "continuation without a message"},
      {client_frame(0x01, "a") + text("b"), "new message inside a fragmented one"},
      {client_frame(0x09, "x"), "bad control frame"},  // a fragmented ping
      {client_frame(0x89, std::string(126, 'p')), "bad control frame"},
      {client_frame(0x88, "\x03"), "bad close frame"},
  };
  for (const auto& [bytes, why] : cases) {
    const auto got = read_all(bytes);
    ASSERT_EQ(got.size(), 1u) << why;
    EXPECT_EQ(got[0].kind, Received::Kind::kProtocolError) << why;
    EXPECT_EQ(got[0].data, why);
  }
}

TEST(WsCodec, RefusesAnOversizedMessageBeforeItsPayloadArrives) {
  Reader reader(1000);
  std::vector<Received> out;
  // Only the header of a 2 GiB frame: the reader must not wait for (or hold) the payload.
  std::string header = client_frame(0x81, "").substr(0, 1);
  header += static_cast<char>(0x80 | 127);
  for (int i = 0; i < 8; ++i) header.push_back(static_cast<char>(i == 4 ? 0x80 : 0));
  reader.feed(header, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, Received::Kind::kTooBig);
  // Fragments count together: 3 × 400 bytes is over a 1,000-byte limit.
  const auto got = read_all(client_frame(0x01, std::string(400, 'a')) +
                                client_frame(0x00, std::string(400, 'a')) +
                                client_frame(0x80, std::string(400, 'a')),
                            1000);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].kind, Received::Kind::kTooBig);
}

TEST(WsCodec, RandomBytesNeverCrashAndNeverExceedTheLimit) {
  std::mt19937 rng(2026);
  for (int trial = 0; trial < 2000; ++trial) {
    Reader reader(4096);
    std::vector<Received> out;
    std::string bytes(rng() % 600, '\0');
    for (auto& c : bytes) c = static_cast<char>(rng());
    // Half the trials start with a valid frame so the parser gets past the first header.
    if (trial % 2) bytes = text("{\"t\":\"ping\"}") + bytes;
    for (size_t at = 0; at < bytes.size();) {
      const size_t step = 1 + rng() % 64;
      reader.feed(std::string_view(bytes).substr(at, step), out);
      at += step;
    }
    EXPECT_LE(reader.buffered(), 4096u + 14u + 600u);
    for (const auto& r : out) {
      if (r.kind == Received::Kind::kText || r.kind == Received::Kind::kBinary)
        EXPECT_LE(r.data.size(), 4096u);
    }
  }
}

}  // namespace
}  // namespace portal::server::ws
