// The wire protocol: JSON text frames, each an object typed by "t". docs/protocol.md describes
// every frame with an example. Decoders never throw: bad input yields an Error.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "portal/model/entities.h"
#include "portal/protocol/errors.h"

namespace portal {

using Json = nlohmann::json;

// 2: won deals carry the share they locked in, the Overview's partner rows their commission.
inline constexpr int kProtocolVersion = 2;
inline constexpr size_t kMaxFrameBytes = 64 * 1024;  // a text frame from a client
inline constexpr size_t kMaxCommandIdBytes = 64;

// ---- client -> server ------------------------------------------------------------------
struct LoginFrame { int version = 0; std::string email; std::string password; };
struct ResumeFrame { int version = 0; std::string token; };
struct LogoutFrame {};
struct SubscribeFrame { std::string room; std::optional<int64_t> after; };  // after = last seq held
struct UnsubscribeFrame { std::string room; };
struct CommandFrame { std::string id; std::string type; Json payload; };
struct PingFrame { int64_t n = 0; };

using ClientFrame = std::variant<LoginFrame, ResumeFrame, LogoutFrame, SubscribeFrame,
                                 UnsubscribeFrame, CommandFrame, PingFrame>;

// Parses and type-checks one client frame. Never throws.
std::variant<ClientFrame, Error> decode_client_frame(std::string_view text);
std::string encode(const ClientFrame& f);

// ---- server -> client ------------------------------------------------------------------
struct WelcomeFrame {
  int version = kProtocolVersion;
  std::string token;        // present after a log-in; resume keeps the same token
  UnixTime expires_at = 0;
  User user;
  Organisation org;
  std::vector<std::string> rooms;  // wire names, navigation order
};
struct ErrorFrame { std::optional<std::string> id; Error error; };  // id = command id, if any
struct AckFrame { std::string id; Json result; };
struct SnapshotFrame { std::string room; int64_t seq = 0; Json state; };
struct EventFrame { std::string room; int64_t seq = 0; std::string type; Json data; };
struct PongFrame { int64_t n = 0; };
// "server_shutdown", "logged_out", "session_expired", "storage_failed", "login_timeout"
struct ByeFrame {
  std::string reason;
};
// Ends the events replayed for a `sub` with `after` (none when nothing was missed): the client
// holds the room up to `seq` and is up to date; what follows are live events.
struct CaughtUpFrame { std::string room; int64_t seq = 0; };

using ServerFrame = std::variant<WelcomeFrame, ErrorFrame, AckFrame, SnapshotFrame, EventFrame,
                                 PongFrame, ByeFrame, CaughtUpFrame>;

std::string encode(const ServerFrame& f);
std::variant<ServerFrame, Error> decode_server_frame(std::string_view text);

// ---- entity codecs (shared by frames, snapshots and events) ----------------------------
Json to_json(const User& u);
Json to_json(const Organisation& o);
Json to_json(const LeadDraft& d);
Json to_json(const Lead& l);
std::optional<User> user_from_json(const Json& j);
std::optional<Organisation> organisation_from_json(const Json& j);
// Reads a draft; field type errors become FieldErrors ("value_minor must be a whole number").
std::variant<LeadDraft, std::vector<FieldError>> lead_draft_from_json(const Json& j);
std::optional<Lead> lead_from_json(const Json& j);

// Command types known to the skeleton.
inline constexpr std::string_view kCmdLeadSubmit = "lead.submit";
// Event types.
inline constexpr std::string_view kEvLeadSubmitted = "lead.submitted";

}  // namespace portal
