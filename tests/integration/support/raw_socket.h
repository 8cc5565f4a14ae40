// A bare TCP connection for tests that must send what no well-behaved client sends: hand-made
// WebSocket handshakes and frames, oversized requests. Every read has a deadline, so a server
// that never answers fails the test instead of hanging it.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/http_client.h"

namespace portal::testing {

class RawSocket {
 public:
  // Connects to 127.0.0.1:port; throws std::runtime_error when that fails. A non-zero
  // `receive_buffer` shrinks the socket's receive buffer, and so the window the server may fill
  // before the client reads: a client on a slow line.
  explicit RawSocket(uint16_t port, int receive_buffer = 0);
  ~RawSocket();
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  // Writes all of `bytes`; false when the connection broke first.
  bool write(std::string_view bytes);
  // The bytes up to and including the first `delimiter`; nothing on timeout or end of stream.
  std::optional<std::string> read_until(std::string_view delimiter,
                                        std::chrono::milliseconds timeout);
  // The next `n` bytes; nothing on timeout or end of stream.
  std::optional<std::string> read_exactly(size_t n, std::chrono::milliseconds timeout);
  // Writes `bytes` and reads at the same time, as a browser sending a large request does, until
  // the server ends the stream (or resets it, or `timeout` passes). Returns what was read.
  // Reading starts after `read_after`, as it would for a client whose line is busy.
  std::string write_while_reading(std::string_view bytes, std::chrono::milliseconds timeout,
                                  std::chrono::milliseconds read_after = {});
  // Tells the server nothing more is coming.
  void shutdown_send();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Parses a whole HTTP response from `bytes`: nothing unless the status line, the headers and
// all of the body (by its Content-Length) are there.
std::optional<HttpResponse> parse_complete_response(std::string_view bytes);
// Every whole response in `bytes`, in order; one cut short at the end is left out.
std::vector<HttpResponse> parse_complete_responses(std::string_view bytes);

}  // namespace portal::testing
