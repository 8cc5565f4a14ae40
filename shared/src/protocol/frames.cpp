// Encoding and decoding of every frame of the wire protocol (docs/protocol.md).
#include "portal/protocol/frames.h"

#include "protocol/json_fields.h"

namespace portal {
namespace {

using detail::dump;
using detail::field;
using detail::get_int;
using detail::get_string;

constexpr size_t kMaxNesting = 32;
constexpr size_t kMaxRoomName = 64;
constexpr size_t kMaxCommandType = 64;
constexpr size_t kMaxToken = 128;

Error bad_frame(std::string message) { return Error{ErrorCode::BadFrame, std::move(message), {}}; }

// Rejects frames nested deeper than any real frame is, before the JSON parser sees them.
bool nesting_within_limit(std::string_view text) {
  size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxNesting) return false;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return true;
}

std::variant<Json, Error> parse_object(std::string_view text, size_t max_bytes) {
  if (text.size() > max_bytes)
    return Error{ErrorCode::TooLarge,
                 "The frame is larger than " + std::to_string(max_bytes) + " bytes.", {}};
  if (!nesting_within_limit(text)) return bad_frame("The frame is nested too deeply.");
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return bad_frame("The frame is not valid JSON.");
  if (!j.is_object()) return bad_frame("The frame must be a JSON object.");
  if (!get_string(j, "t")) return bad_frame("The frame has no type: field \"t\" is missing.");
  return j;
}

Error missing(const char* name, const char* what) {
  return bad_frame(std::string("Field \"") + name + "\" must be " + what + ".");
}

std::optional<Error> check_version(const Json& j, int& out) {
  auto v = get_int(j, "v");
  if (!v) return missing("v", "the protocol version number");
  if (*v != kProtocolVersion)
    return Error{ErrorCode::VersionMismatch,
                 "This app is out of date (protocol " + std::to_string(*v) + ", server " +
                     std::to_string(kProtocolVersion) + "). Reload the page to get the new version.",
                 {}};
  out = static_cast<int>(*v);
  return std::nullopt;
}

Json fields_json(const std::vector<FieldError>& fields) {
  Json arr = Json::array();
  for (const auto& f : fields) arr.push_back({{"field", f.field}, {"message", f.message}});
  return arr;
}

}  // namespace

std::variant<ClientFrame, Error> decode_client_frame(std::string_view text) {
  auto parsed = parse_object(text, kMaxFrameBytes);
  if (auto* e = std::get_if<Error>(&parsed)) return *e;
  const Json& j = std::get<Json>(parsed);
  const std::string t = *get_string(j, "t");

  if (t == "login") {
    LoginFrame f;
    if (auto e = check_version(j, f.version)) return *e;
    auto email = get_string(j, "email"), password = get_string(j, "password");
    if (!email) return missing("email", "text");
    if (!password) return missing("password", "text");
    if (email->size() > kMaxEmail || password->size() > kMaxPassword)
      return Error{ErrorCode::TooLarge, "E-mail or password is too long.", {}};
    f.email = std::move(*email);
    f.password = std::move(*password);
    return f;
  }
  if (t == "resume") {
    ResumeFrame f;
    if (auto e = check_version(j, f.version)) return *e;
    auto token = get_string(j, "token");
    if (!token || token->empty() || token->size() > kMaxToken) return missing("token", "a session token");
    f.token = std::move(*token);
    return f;
  }
  if (t == "logout") return LogoutFrame{};
  if (t == "sub" || t == "unsub") {
    auto room = get_string(j, "room");
    if (!room || room->empty() || room->size() > kMaxRoomName) return missing("room", "a room name");
    if (t == "unsub") return UnsubscribeFrame{std::move(*room)};
    SubscribeFrame f{std::move(*room), std::nullopt};
    if (const Json* a = field(j, "after"); a != nullptr && !a->is_null()) {
      auto after = get_int(j, "after");
      if (!after || *after < 0) return missing("after", "a sequence number (0 or more)");
      f.after = *after;
    }
    return f;
  }
  if (t == "cmd") {
    auto id = get_string(j, "id"), type = get_string(j, "type");
    if (!id || id->empty() || id->size() > kMaxCommandIdBytes)
      return missing("id", "a command id of 1 to 64 characters");
    if (!type || type->empty() || type->size() > kMaxCommandType) return missing("type", "a command type");
    const Json* payload = field(j, "payload");
    return CommandFrame{std::move(*id), std::move(*type),
                        payload != nullptr ? *payload : Json::object()};
  }
  if (t == "ping") {
    PingFrame f;
    if (const Json* n = field(j, "n"); n != nullptr) {
      auto v = get_int(j, "n");
      if (!v) return missing("n", "a whole number");
      f.n = *v;
    }
    return f;
  }
  return Error{ErrorCode::UnknownType, "Unknown frame type \"" + t.substr(0, 32) + "\".", {}};
}

std::string encode(const ClientFrame& frame) {
  Json j = std::visit(
      [](const auto& f) -> Json {
        using F = std::decay_t<decltype(f)>;
        if constexpr (std::is_same_v<F, LoginFrame>)
          return {{"t", "login"}, {"v", f.version}, {"email", f.email}, {"password", f.password}};
        else if constexpr (std::is_same_v<F, ResumeFrame>)
          return {{"t", "resume"}, {"v", f.version}, {"token", f.token}};
        else if constexpr (std::is_same_v<F, LogoutFrame>)
          return {{"t", "logout"}};
        else if constexpr (std::is_same_v<F, SubscribeFrame>) {
          Json s = {{"t", "sub"}, {"room", f.room}};
          if (f.after) s["after"] = *f.after;
          return s;
        } else if constexpr (std::is_same_v<F, UnsubscribeFrame>)
          return {{"t", "unsub"}, {"room", f.room}};
        else if constexpr (std::is_same_v<F, CommandFrame>)
          return {{"t", "cmd"}, {"id", f.id}, {"type", f.type}, {"payload", f.payload}};
        else
          return {{"t", "ping"}, {"n", f.n}};
      },
      frame);
  return dump(j);
}

std::string encode(const ServerFrame& frame) {
  Json j = std::visit(
      [](const auto& f) -> Json {
        using F = std::decay_t<decltype(f)>;
        if constexpr (std::is_same_v<F, WelcomeFrame>) {
          return {{"t", "welcome"},         {"v", f.version},        {"token", f.token},
                  {"expires_at", f.expires_at}, {"user", to_json(f.user)}, {"org", to_json(f.org)},
                  {"rooms", f.rooms}};
        } else if constexpr (std::is_same_v<F, ErrorFrame>) {
          Json e = {{"t", "error"}, {"code", to_string(f.error.code)}, {"message", f.error.message}};
          if (f.id) e["id"] = *f.id;
          if (!f.error.fields.empty()) e["fields"] = fields_json(f.error.fields);
          return e;
        } else if constexpr (std::is_same_v<F, AckFrame>) {
          return {{"t", "ack"}, {"id", f.id}, {"result", f.result}};
        } else if constexpr (std::is_same_v<F, SnapshotFrame>) {
          return {{"t", "snapshot"}, {"room", f.room}, {"seq", f.seq}, {"state", f.state}};
        } else if constexpr (std::is_same_v<F, EventFrame>) {
          return {{"t", "event"}, {"room", f.room}, {"seq", f.seq}, {"type", f.type}, {"data", f.data}};
        } else if constexpr (std::is_same_v<F, PongFrame>) {
          return {{"t", "pong"}, {"n", f.n}};
        } else if constexpr (std::is_same_v<F, ByeFrame>) {
          return {{"t", "bye"}, {"reason", f.reason}};
        } else {
          static_assert(std::is_same_v<F, CaughtUpFrame>, "every server frame is encoded");
          return {{"t", "caught_up"}, {"room", f.room}, {"seq", f.seq}};
        }
      },
      frame);
  return dump(j);
}

std::variant<ServerFrame, Error> decode_server_frame(std::string_view text) {
  // Server frames (snapshots) may be much larger than client frames.
  auto parsed = parse_object(text, 64 * 1024 * 1024);
  if (auto* e = std::get_if<Error>(&parsed)) return *e;
  const Json& j = std::get<Json>(parsed);
  const std::string t = *get_string(j, "t");

  if (t == "welcome") {
    WelcomeFrame f;
    auto v = get_int(j, "v");
    auto token = get_string(j, "token");
    auto expires = get_int(j, "expires_at");
    const Json* user = field(j, "user");
    const Json* org = field(j, "org");
    const Json* rooms = field(j, "rooms");
    if (!v || !token || !expires || !user || !org || !rooms || !rooms->is_array())
      return bad_frame("Malformed welcome frame.");
    auto u = user_from_json(*user);
    auto o = organisation_from_json(*org);
    if (!u || !o) return bad_frame("Malformed user or organisation in welcome frame.");
    f.version = static_cast<int>(*v);
    f.token = *token;
    f.expires_at = *expires;
    f.user = *u;
    f.org = *o;
    for (const auto& r : *rooms)
      if (r.is_string()) f.rooms.push_back(r.get<std::string>());
    return f;
  }
  if (t == "error") {
    ErrorFrame f;
    auto code = get_string(j, "code");
    auto message = get_string(j, "message");
    if (!code || !message) return bad_frame("Malformed error frame.");
    f.error.code = error_code_from_string(*code).value_or(ErrorCode::Internal);
    f.error.message = *message;
    f.id = get_string(j, "id");
    if (const Json* fields = field(j, "fields"); fields != nullptr && fields->is_array())
      for (const auto& fe : *fields) {
        auto name = get_string(fe, "field");
        auto msg = get_string(fe, "message");
        if (name && msg) f.error.fields.push_back({*name, *msg});
      }
    return f;
  }
  if (t == "ack") {
    auto id = get_string(j, "id");
    if (!id) return bad_frame("Malformed ack frame.");
    const Json* result = field(j, "result");
    return AckFrame{*id, result != nullptr ? *result : Json::object()};
  }
  if (t == "snapshot") {
    auto room = get_string(j, "room");
    auto seq = get_int(j, "seq");
    const Json* state = field(j, "state");
    if (!room || !seq || state == nullptr) return bad_frame("Malformed snapshot frame.");
    return SnapshotFrame{*room, *seq, *state};
  }
  if (t == "event") {
    auto room = get_string(j, "room");
    auto seq = get_int(j, "seq");
    auto type = get_string(j, "type");
    const Json* data = field(j, "data");
    if (!room || !seq || !type) return bad_frame("Malformed event frame.");
    return EventFrame{*room, *seq, *type, data != nullptr ? *data : Json::object()};
  }
  if (t == "pong") return PongFrame{get_int(j, "n").value_or(0)};
  if (t == "bye") return ByeFrame{get_string(j, "reason").value_or("")};
  if (t == "caught_up") {
    auto room = get_string(j, "room");
    auto seq = get_int(j, "seq");
    if (!room || !seq) return bad_frame("Malformed caught_up frame.");
    return CaughtUpFrame{*room, *seq};
  }
  return Error{ErrorCode::UnknownType, "Unknown frame type \"" + t.substr(0, 32) + "\".", {}};
}

}  // namespace portal
