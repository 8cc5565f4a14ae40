#include "connection.h"

#include <emscripten.h>

#include <algorithm>
#include <cmath>

#include "browser.h"

namespace portal::client {
namespace {

constexpr double kFirstDelayMs = 500;
constexpr double kMaxDelayMs = 10'000;
constexpr double kStableMs = 5'000;

// Full jitter on the upper half: a herd of tabs reconnecting after a restart spreads out.
double backoff_ms(int failures) {
  double base = std::min(kMaxDelayMs, kFirstDelayMs * std::pow(2.0, std::max(0, failures - 1)));
  double r = browser::random_unit();
  return base * (0.75 + 0.25 * r);
}

}  // namespace

Connection::Connection(Listener& listener) : listener_(listener), url_(browser::websocket_url()) {}

Connection::~Connection() {
  drop_socket();
}

void Connection::start() {
  if (state_ == State::Idle) connect();
}

void Connection::connect() {
  drop_socket();
  EmscriptenWebSocketCreateAttributes attr;
  emscripten_websocket_init_create_attributes(&attr);
  attr.url = url_.c_str();
  attr.protocols = nullptr;
  attr.createOnMainThread = EM_TRUE;
  EMSCRIPTEN_WEBSOCKET_T ws = emscripten_websocket_new(&attr);
  if (ws <= 0) {
    on_lost();
    return;
  }
  socket_ = ws;
  state_ = State::Connecting;
  emscripten_websocket_set_onopen_callback(ws, this, &Connection::on_open_cb);
  emscripten_websocket_set_onmessage_callback(ws, this, &Connection::on_message_cb);
  emscripten_websocket_set_onerror_callback(ws, this, &Connection::on_error_cb);
  emscripten_websocket_set_onclose_callback(ws, this, &Connection::on_close_cb);
}

void Connection::drop_socket() {
  if (socket_ <= 0) return;
  // Detach first so the close below does not call back into a socket we have given up on.
  emscripten_websocket_set_onopen_callback(socket_, nullptr, nullptr);
  emscripten_websocket_set_onmessage_callback(socket_, nullptr, nullptr);
  emscripten_websocket_set_onerror_callback(socket_, nullptr, nullptr);
  emscripten_websocket_set_onclose_callback(socket_, nullptr, nullptr);
  unsigned short ready = 0;
  emscripten_websocket_get_ready_state(socket_, &ready);
  if (ready == 0 || ready == 1) emscripten_websocket_close(socket_, 1000, "");
  emscripten_websocket_delete(socket_);
  socket_ = 0;
}

void Connection::on_lost() {
  // Only a connection that lasted starts the back-off over: a server that takes the socket and
  // drops it at once (a disk that keeps failing) is not asked again every half second.
  if (state_ == State::Open && emscripten_get_now() - opened_at_ms_ >= kStableMs) failures_ = 0;
  drop_socket();
  ++failures_;
  state_ = State::Waiting;
  retry_at_ms_ = emscripten_get_now() + backoff_ms(failures_);
  listener_.on_close();
}

void Connection::reconnect_at_once() {
  drop_socket();
  failures_ = 0;
  state_ = State::Waiting;
  retry_at_ms_ = 0;
}

bool Connection::tick(double now_ms) {
  // The browser says the network is gone (navigator.onLine): a socket that still looks open
  // would only swallow frames, so give it up now; commands wait for the reconnect.
  if (state_ == State::Open && !browser::online()) {
    on_lost();
    return true;
  }
  if (state_ != State::Waiting || now_ms < retry_at_ms_) return false;
  connect();
  return true;
}

int Connection::seconds_until_retry(double now_ms) const {
  if (state_ != State::Waiting) return 0;
  return std::max(0, int(std::ceil((retry_at_ms_ - now_ms) / 1000.0)));
}

bool Connection::send(const ClientFrame& frame) {
  if (state_ != State::Open) return false;
  std::string text = encode(frame);
  return emscripten_websocket_send_utf8_text(socket_, text.c_str()) == EMSCRIPTEN_RESULT_SUCCESS;
}

EM_BOOL Connection::on_open_cb(int, const EmscriptenWebSocketOpenEvent*, void* self) {
  auto* c = static_cast<Connection*>(self);
  c->state_ = State::Open;
  c->opened_at_ms_ = emscripten_get_now();
  c->ever_opened_ = true;
  c->listener_.on_open();
  return EM_TRUE;
}

EM_BOOL Connection::on_message_cb(int, const EmscriptenWebSocketMessageEvent* e, void* self) {
  auto* c = static_cast<Connection*>(self);
  if (!e->isText || !e->data) return EM_TRUE;  // the protocol has no binary frames
  std::string_view text(reinterpret_cast<const char*>(e->data), e->numBytes);
  while (!text.empty() && text.back() == '\0') text.remove_suffix(1);
  auto decoded = decode_server_frame(text);
  if (auto* frame = std::get_if<ServerFrame>(&decoded)) {
    c->listener_.on_frame(std::move(*frame));
  } else {
    c->listener_.on_bad_frame(std::get<Error>(decoded));
  }
  return EM_TRUE;
}

EM_BOOL Connection::on_error_cb(int, const EmscriptenWebSocketErrorEvent*, void*) {
  // A close event always follows an error; that is where we reconnect.
  return EM_TRUE;
}

EM_BOOL Connection::on_close_cb(int, const EmscriptenWebSocketCloseEvent*, void* self) {
  static_cast<Connection*>(self)->on_lost();
  return EM_TRUE;
}

}  // namespace portal::client
