#include "portal/protocol/frames.h"

#include <gtest/gtest.h>

#include <random>

namespace portal {
namespace {

ErrorCode error_of(std::string_view text) {
  auto r = decode_client_frame(text);
  EXPECT_TRUE(std::holds_alternative<Error>(r)) << text;
  return std::holds_alternative<Error>(r) ? std::get<Error>(r).code : ErrorCode::Internal;
}

template <typename F>
F frame_of(std::string_view text) {
  auto r = decode_client_frame(text);
  if (auto* e = std::get_if<Error>(&r)) ADD_FAILURE() << text << ": " << e->message;
  auto* c = std::get_if<ClientFrame>(&r);
  EXPECT_TRUE(c != nullptr && std::holds_alternative<F>(*c)) << text;
  return (c != nullptr && std::holds_alternative<F>(*c)) ? std::get<F>(*c) : F{};
}

TEST(ClientFrames, DecodesEveryKind) {
  auto login = frame_of<LoginFrame>(R"({"t":"login","v":2,"email":"a@b.co","password":"pw"})");
  EXPECT_EQ(login.email, "a@b.co");
  EXPECT_EQ(login.password, "pw");
  EXPECT_EQ(frame_of<ResumeFrame>(R"({"t":"resume","v":2,"token":"abc"})").token, "abc");
  frame_of<LogoutFrame>(R"({"t":"logout"})");
  auto sub = frame_of<SubscribeFrame>(R"({"t":"sub","room":"overview","after":7})");
  EXPECT_EQ(sub.room, "overview");
  EXPECT_EQ(sub.after, 7);
  EXPECT_FALSE(frame_of<SubscribeFrame>(R"({"t":"sub","room":"leads"})").after.has_value());
  EXPECT_EQ(frame_of<UnsubscribeFrame>(R"({"t":"unsub","room":"leads"})").room, "leads");
  auto cmd = frame_of<CommandFrame>(R"({"t":"cmd","id":"c-1","type":"lead.submit","payload":{"a":1}})");
  EXPECT_EQ(cmd.id, "c-1");
  EXPECT_EQ(cmd.type, "lead.submit");
  EXPECT_EQ(cmd.payload["a"], 1);
  EXPECT_EQ(frame_of<PingFrame>(R"({"t":"ping","n":42})").n, 42);
}

TEST(ClientFrames, EncodeThenDecodeIsIdentity) {
  const ClientFrame frames[] = {LoginFrame{kProtocolVersion, "a@b.co", "pw"},
                                ResumeFrame{kProtocolVersion, "tok"},
                                SubscribeFrame{"overview", 3},
                                UnsubscribeFrame{"deals"},
                                CommandFrame{"c-9", "lead.submit", Json{{"company", "X"}}},
                                PingFrame{5}};
  for (const auto& f : frames) {
    auto r = decode_client_frame(encode(f));
    ASSERT_TRUE(std::holds_alternative<ClientFrame>(r)) << encode(f);
    EXPECT_EQ(encode(std::get<ClientFrame>(r)), encode(f));
  }
}

TEST(ClientFrames, EveryBadFrameGetsATypedError) {
  EXPECT_EQ(error_of("not json"), ErrorCode::BadFrame);
  EXPECT_EQ(error_of("[1,2]"), ErrorCode::BadFrame);
  EXPECT_EQ(error_of("{}"), ErrorCode::BadFrame);
  EXPECT_EQ(error_of(R"({"t":5})"), ErrorCode::BadFrame);
  EXPECT_EQ(error_of(R"({"t":"dance"})"), ErrorCode::UnknownType);
  EXPECT_EQ(error_of(R"({"t":"login","v":2,"email":5,"password":"x"})"), ErrorCode::BadFrame);
  EXPECT_EQ(error_of(R"({"t":"login","email":"a@b.co","password":"x"})"), ErrorCode::BadFrame);
  EXPECT_EQ(error_of(R"({"t":"login","v":99,"email":"a@b.co","password":"x"})"),
            ErrorCode::VersionMismatch);
  EXPECT_EQ(error_of(R"({"t":"sub"})"), ErrorCode::BadFrame);
  EXPECT_EQ(error_of(R"({"t":"sub","room":"overview","after":-1})"), ErrorCode::BadFrame);
  EXPECT_EQ(error_of(R"({"t":"sub","room":"overview","after":"x"})"), ErrorCode::BadFrame);
  EXPECT_EQ(error_of(R"({"t":"cmd","type":"lead.submit"})"), ErrorCode::BadFrame);
  EXPECT_EQ(error_of(R"({"t":"cmd","id":")" + std::string(65, 'i') + R"(","type":"x"})"),
            ErrorCode::BadFrame);
  EXPECT_EQ(error_of(std::string(kMaxFrameBytes + 1, ' ')), ErrorCode::TooLarge);
  EXPECT_EQ(error_of(std::string(100, '[') + std::string(100, ']')), ErrorCode::BadFrame);
  EXPECT_EQ(error_of("{\"t\":\"login\",\"v\":1,\"email\":\"\xC3\",\"password\":\"x\"}"),
            ErrorCode::BadFrame);
}

TEST(ClientFrames, RandomBytesNeverCrashTheDecoder) {
  // Property: any input yields either a frame or a typed error, never a crash or exception.
  std::mt19937 rng(20261123);
  const std::string seeds[] = {R"({"t":"login","v":2,"email":"a@b.co","password":"pw"})",
                               R"({"t":"cmd","id":"c","type":"lead.submit","payload":{}})",
                               R"({"t":"sub","room":"overview","after":1})"};
  for (int i = 0; i < 20000; ++i) {
    std::string s = seeds[i % 3];
    const int edits = 1 + static_cast<int>(rng() % 6);
    for (int e = 0; e < edits; ++e) {
      const size_t pos = rng() % (s.size() + 1);
      switch (rng() % 3) {
        case 0: s.insert(s.begin() + pos, static_cast<char>(rng())); break;
        case 1: if (pos < s.size()) s.erase(pos, 1); break;
        default: if (pos < s.size()) s[pos] = static_cast<char>(rng()); break;
      }
    }
    EXPECT_NO_THROW({ auto r = decode_client_frame(s); (void)r; });
  }
}

TEST(ServerFrames, RoundTripEveryKind) {
  WelcomeFrame w;
  w.token = "tok";
  w.expires_at = 1'800'000'000;
  w.user = User{"u1", "o1", "dana@acme.example", "Dana Fischer", Role::PartnerAdmin};
  w.org = Organisation{"o1", "Acme", OrgKind::Partner, "Gold", 1500, "EUR", 10};
  w.rooms = {"overview", "leads"};
  ErrorFrame e{"c-1", Error{ErrorCode::Validation, "Check the form.", {{"email", "Bad."}}}};
  const ServerFrame frames[] = {w, e, AckFrame{"c-1", Json{{"lead_id", "L"}}},
                                SnapshotFrame{"overview", 4, Json{{"x", 1}}},
                                EventFrame{"overview", 5, "lead.submitted", Json{{"y", 2}}},
                                PongFrame{3}, ByeFrame{"server_shutdown"}};
  for (const auto& f : frames) {
    auto r = decode_server_frame(encode(f));
    ASSERT_TRUE(std::holds_alternative<ServerFrame>(r)) << encode(f);
    EXPECT_EQ(encode(std::get<ServerFrame>(r)), encode(f));
  }
}

TEST(ServerFrames, EncodingInvalidUtf8NeverThrows) {
  const std::string text = encode(ServerFrame{ErrorFrame{std::nullopt, Error{ErrorCode::Internal, "bad \xFF byte", {}}}});
  EXPECT_NE(text.find("bad "), std::string::npos);
}

TEST(EntityCodecs, LeadDraftReportsTypeErrorsPerField) {
  auto r = lead_draft_from_json(Json{{"company", 5}, {"contact", "Hanna"}, {"email", "h@g.example"},
                                     {"value_minor", 1.5}});
  ASSERT_TRUE(std::holds_alternative<std::vector<FieldError>>(r));
  const auto& errors = std::get<std::vector<FieldError>>(r);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "company");
  EXPECT_EQ(errors[1].field, "value_minor");
}

TEST(EntityCodecs, LeadRoundTrips) {
  Lead l{"L1", "o1", LeadDraft{"Globex", "Hanna", "h@g.example", "", "n", 100, "EUR"},
         LeadStage::Demo, "u1", 1'700'000'000};
  auto back = lead_from_json(to_json(l));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(to_json(*back), to_json(l));
}

}  // namespace
}  // namespace portal
