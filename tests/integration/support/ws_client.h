// A real WebSocket client for tests (Boost.Beast on its own I/O thread), behind a small
// interface so test files do not compile Beast. Received text frames queue up until read.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace portal::testing {

using Json = nlohmann::json;
using namespace std::chrono_literals;

class WsClient {
 public:
  // Connects to ws://127.0.0.1:port/ws; `origin` is sent as the Origin header when not empty.
  // Throws std::runtime_error when the handshake fails.
  // `from`, when not empty, is the loopback address the connection comes from (127.0.0.2, ...):
  // the server's limits per address see separate peers.
  explicit WsClient(uint16_t port, const std::string& origin = "", const std::string& from = "");
  ~WsClient();
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  void send_text(const std::string& text);
  void send_binary(const std::string& bytes);
  void send(const Json& frame) { send_text(frame.dump()); }

  // The next received frame, parsed; nothing when none arrives within `timeout` or the
  // connection is closed.
  std::optional<Json> next(std::chrono::milliseconds timeout = 5s);
  // The next frame; a failed test assertion when there is none.
  Json expect(std::chrono::milliseconds timeout = 5s);
  // Stops taking frames off the socket (at most the one being read still arrives), so what the
  // server sends piles up in TCP and then in the server: a client that does not keep up.
  void pause_reading();
  // Reads on: what piled up in TCP arrives, in order.
  void resume_reading();
  // Waits for the server to close; returns the close code (0 when closed without one), or
  // nothing on timeout.
  std::optional<int> wait_closed(std::chrono::milliseconds timeout = 5s);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace portal::testing
