// The server's side of RFC 6455 framing, after the HTTP upgrade (which Beast still does).
// Server frames are never masked, so one encoded payload serves every recipient and only the
// 2-10 byte header is made per connection; several queued frames then leave in one gather
// write. Client frames must be masked; they are unmasked, reassembled from fragments and
// size-limited here. No extensions are negotiated, so reserved bits must be zero.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portal::server::ws {

enum class Opcode : uint8_t {
  kContinuation = 0x0,
  kText = 0x1,
  kBinary = 0x2,
  kClose = 0x8,
  kPing = 0x9,
  kPong = 0xA,
};

// Close codes this server sends (RFC 6455 section 7.4.1).
constexpr uint16_t kCloseNormal = 1000;
constexpr uint16_t kCloseGoingAway = 1001;
constexpr uint16_t kCloseProtocolError = 1002;
constexpr uint16_t kCloseInvalidData = 1007;
constexpr uint16_t kCloseTooBig = 1009;

constexpr size_t kMaxHeaderBytes = 10;

// Writes the header of one unmasked, final frame of `payload_size` bytes into `out`; returns
// its length (2, 4 or 10).
size_t encode_header(Opcode opcode, uint64_t payload_size, uint8_t* out);

// The payload of a close frame: the code in network order, then the reason (≤ 123 bytes).
std::string close_payload(uint16_t code, std::string_view reason = {});

// Whether a peer may send `code` in a close frame (RFC 6455 7.4): the assigned 1000-1003 and
// 1007-1014, and 3000-4999 for libraries and applications. 1005, 1006 and 1015 only ever
// stand for a missing code or connection and must not appear on the wire.
bool is_valid_close_code(uint16_t code);

// Whether a Sec-WebSocket-Key is what RFC 6455 4.2.1 demands: base64 of exactly 16 bytes.
bool is_valid_key(std::string_view key);

// One complete thing the peer said.
struct Received {
  enum class Kind {
    kText,           // a whole (possibly reassembled) text message in `data`
    kBinary,         // a whole binary message in `data`
    kPing,           // `data` is the payload to echo in the pong
    kPong,
    kClose,          // the peer closes; `code` is its close code (1005 when it gave none),
                     // `reply` the code to answer with, `data` what was wrong, if anything
    kProtocolError,  // the peer broke the framing rules; `data` says how; close with 1002
    kTooBig,         // a message above the limit; close with 1009
  };
  Kind kind;
  std::string data;
  uint16_t code = 0;
  // kClose: the peer's own code (1000 when it gave none), or 1002 for a code it must not send
  // and 1007 for a reason that is not UTF-8 (RFC 6455 7.4.1, 8.1).
  uint16_t reply = 0;
};

// Turns the bytes a client sends into messages. After a kProtocolError, kTooBig or kClose it
// ignores everything else: the connection is over.
class Reader {
 public:
  explicit Reader(size_t max_message_bytes) : max_message_(max_message_bytes) {}

  // Consumes `bytes` and appends every message they complete to `out`, in order.
  void feed(std::string_view bytes, std::vector<Received>& out);

  bool finished() const { return finished_; }
  // Bytes held for an incomplete frame or message (for the caller's memory accounting).
  size_t buffered() const { return pending_.size() - pos_ + message_.size(); }

 private:
  // Parses one frame from pending_ at pos_; false when more bytes are needed.
  bool next_frame(std::vector<Received>& out);
  void fail(Received::Kind kind, std::string why, std::vector<Received>& out);

  size_t max_message_;
  std::string pending_;  // received bytes not yet parsed (from pos_)
  size_t pos_ = 0;
  std::string message_;  // the fragments of a message still being received
  Opcode message_opcode_ = Opcode::kContinuation;  // kContinuation: no message in progress
  bool finished_ = false;
};

}  // namespace portal::server::ws
