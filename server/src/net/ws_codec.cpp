#include "net/ws_codec.h"

#include <algorithm>

#include "portal/rules/validation.h"

namespace portal::server::ws {

namespace {

bool is_control(uint8_t opcode) { return (opcode & 0x8) != 0; }

bool is_known(uint8_t opcode) {
  switch (static_cast<Opcode>(opcode)) {
    case Opcode::kContinuation:
    case Opcode::kText:
    case Opcode::kBinary:
    case Opcode::kClose:
    case Opcode::kPing:
    case Opcode::kPong:
      return true;
  }
  return false;
}

}  // namespace

size_t encode_header(Opcode opcode, uint64_t payload_size, uint8_t* out) {
  out[0] = static_cast<uint8_t>(0x80 | static_cast<uint8_t>(opcode));  // FIN, no RSV bits
  if (payload_size < 126) {
    out[1] = static_cast<uint8_t>(payload_size);
    return 2;
  }
  if (payload_size <= 0xFFFF) {
    out[1] = 126;
    out[2] = static_cast<uint8_t>(payload_size >> 8);
    out[3] = static_cast<uint8_t>(payload_size);
    return 4;
  }
  out[1] = 127;
  for (int i = 0; i < 8; ++i) out[2 + i] = static_cast<uint8_t>(payload_size >> (56 - 8 * i));
  return 10;
}

std::string close_payload(uint16_t code, std::string_view reason) {
  std::string out;
  out.push_back(static_cast<char>(code >> 8));
  out.push_back(static_cast<char>(code & 0xFF));
  out.append(reason.substr(0, 123));
  return out;
}

bool is_valid_close_code(uint16_t code) {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
         (code >= 3000 && code <= 4999);
}

bool is_valid_key(std::string_view key) {
  // 16 bytes are 22 base64 digits and two padding characters. The key is only hashed into the
  // answer, never decoded, so the unused low bits of the last digit are not checked.
  if (key.size() != 24 || key.substr(22) != "==") return false;
  return std::all_of(key.begin(), key.begin() + 22, [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
  });
}

void Reader::feed(std::string_view bytes, std::vector<Received>& out) {
  if (finished_) return;
  // Drop what was parsed already before appending, so pending_ holds at most one partial frame
  // plus what just arrived.
  if (pos_ > 0) {
    pending_.erase(0, pos_);
    pos_ = 0;
  }
  pending_.append(bytes);
  while (!finished_ && next_frame(out)) {
  }
}

void Reader::fail(Received::Kind kind, std::string why, std::vector<Received>& out) {
  finished_ = true;
  pending_.clear();
  pos_ = 0;
  message_.clear();
  out.push_back(Received{kind, std::move(why), 0});
}

bool Reader::next_frame(std::vector<Received>& out) {
  const auto* p = reinterpret_cast<const uint8_t*>(pending_.data()) + pos_;
  const size_t avail = pending_.size() - pos_;
  if (avail < 2) return false;
  const bool fin = (p[0] & 0x80) != 0;
  const uint8_t rsv = p[0] & 0x70;
  const uint8_t opcode = p[0] & 0x0F;
  const bool masked = (p[1] & 0x80) != 0;
  uint64_t length = p[1] & 0x7F;
  size_t header = 2;
  if (rsv != 0) return fail(Received::Kind::kProtocolError, "reserved bits set", out), false;
  if (!is_known(opcode)) return fail(Received::Kind::kProtocolError, "unknown opcode", out), false;
  if (!masked) return fail(Received::Kind::kProtocolError, "client frame not masked", out), false;
  if (length == 126) {
    if (avail < 4) return false;
    length = (uint64_t{p[2]} << 8) | p[3];
    header = 4;
  } else if (length == 127) {
    if (avail < 10) return false;
    length = 0;
    for (int i = 0; i < 8; ++i) length = (length << 8) | p[2 + i];
    header = 10;
  }
  if (is_control(opcode) && (!fin || length > 125))
    return fail(Received::Kind::kProtocolError, "bad control frame", out), false;
  if (!is_control(opcode)) {
    const bool continuing = message_opcode_ != Opcode::kContinuation;
    if (opcode == 0 && !continuing)
      return fail(Received::Kind::kProtocolError, "continuation without a message", out), false;
    if (opcode != 0 && continuing)
      return fail(Received::Kind::kProtocolError, "new message inside a fragmented one", out),
             false;
    // Refuse before buffering: a client cannot make the server hold more than the limit.
    if (length > max_message_ || message_.size() + length > max_message_)
      return fail(Received::Kind::kTooBig, "message too big", out), false;
  }
  if (avail < header + 4 + length) return false;
  const uint8_t* mask = p + header;
  const char* payload = reinterpret_cast<const char*>(p + header + 4);
  std::string data(payload, static_cast<size_t>(length));
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(data[i] ^ mask[i & 3]);
  pos_ += header + 4 + static_cast<size_t>(length);

  switch (static_cast<Opcode>(opcode)) {
    case Opcode::kPing:
      out.push_back(Received{Received::Kind::kPing, std::move(data), 0});
      return true;
    case Opcode::kPong:
      out.push_back(Received{Received::Kind::kPong, {}, 0});
      return true;
    case Opcode::kClose: {
      if (data.size() == 1) return fail(Received::Kind::kProtocolError, "bad close frame", out), false;
      Received close{Received::Kind::kClose, {}, 1005, kCloseNormal};
      if (data.size() >= 2) {
        close.code = static_cast<uint16_t>((static_cast<uint8_t>(data[0]) << 8) |
                                           static_cast<uint8_t>(data[1]));
        close.reply = close.code;
        // An invalid close frame still ends the connection, but it is answered as a failure
        // (RFC 6455 7.4.1 and 8.1) rather than echoed.
        if (!is_valid_close_code(close.code)) {
          close.reply = kCloseProtocolError;
          close.data = "invalid close code";
        } else if (!is_valid_utf8(std::string_view(data).substr(2))) {
          close.reply = kCloseInvalidData;
          close.data = "close reason not UTF-8";
        }
      }
      finished_ = true;
      out.push_back(std::move(close));
      return false;
    }
    default:
      break;
  }
  if (opcode != 0) message_opcode_ = static_cast<Opcode>(opcode);
  if (message_.empty() && fin) {
    message_ = std::move(data);  // the common case: an unfragmented message, no extra copy
  } else {
    message_.append(data);
  }
  if (!fin) return true;
  const auto kind = message_opcode_ == Opcode::kText ? Received::Kind::kText : Received::Kind::kBinary;
  out.push_back(Received{kind, std::move(message_), 0});
  message_.clear();
  message_opcode_ = Opcode::kContinuation;
  return true;
}

}  // namespace portal::server::ws
