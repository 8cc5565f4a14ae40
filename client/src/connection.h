// The one WebSocket to the server: opens ws(s)://<host>/ws, sends and receives typed JSON
// frames, and reconnects with exponential backoff (0.5 s doubling to 10 s, with jitter).
// It knows nothing about screens or rooms: it reports to a Listener.
#pragma once
#include <emscripten/websocket.h>

#include <string>

#include "portal/protocol/frames.h"

namespace portal::client {

class Connection {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    virtual void on_open() = 0;
    virtual void on_frame(ServerFrame frame) = 0;
    virtual void on_bad_frame(const Error& error) = 0;
    virtual void on_close() = 0;
  };

  enum class State { Idle, Connecting, Open, Waiting };  // Waiting = closed, retry scheduled

  explicit Connection(Listener& listener);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Starts the first connection attempt.
  void start();
  // Fires a scheduled reconnect when its time has come. Returns true if something changed.
  bool tick(double now_ms);
  // Sends one frame; returns false (and drops it) when the socket is not open.
  bool send(const ClientFrame& frame);

  State state() const { return state_; }
  bool is_open() const { return state_ == State::Open; }
  // Gives up the open socket and tries again after the back-off: the server took the connection
  // but cannot serve it now (a resume it could not store, say).
  void retry_later() { on_lost(); }
  // Gives up the open socket and opens a new one on the next tick, with no back-off and no
  // "reconnecting" notice: the server closes sockets that stay without a user for long.
  void reconnect_at_once();
  // Consecutive lost or failed connections since one last stayed open for kStableMs.
  int failures() const { return failures_; }
  // Whole seconds until the next attempt (for "reconnecting in N s"), 0 when none is due.
  int seconds_until_retry(double now_ms) const;
  double retry_at_ms() const { return retry_at_ms_; }
  // True once a socket has opened in this page's life.
  bool ever_opened() const { return ever_opened_; }

 private:
  static EM_BOOL on_open_cb(int, const EmscriptenWebSocketOpenEvent*, void* self);
  static EM_BOOL on_message_cb(int, const EmscriptenWebSocketMessageEvent*, void* self);
  static EM_BOOL on_error_cb(int, const EmscriptenWebSocketErrorEvent*, void* self);
  static EM_BOOL on_close_cb(int, const EmscriptenWebSocketCloseEvent*, void* self);

  void connect();
  void on_lost();
  void drop_socket();

  Listener& listener_;
  std::string url_;
  EMSCRIPTEN_WEBSOCKET_T socket_ = 0;
  State state_ = State::Idle;
  int failures_ = 0;
  double opened_at_ms_ = 0;
  bool ever_opened_ = false;
  double retry_at_ms_ = 0;
};

}  // namespace portal::client
