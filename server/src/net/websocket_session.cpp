#include "net/websocket_session.h"

#include <cstdio>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>

#include "app/portal_service.h"
#include "net/websocket_start.h"

namespace portal::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;

namespace {

// Frames above kMaxFrameBytes are read whole and answered with a "too_large" error, so the
// client learns what happened; only beyond this hard limit does Beast close the connection
// (code 1009) without reading further.
constexpr std::size_t kHardMaxMessage = 1024 * 1024;
// A client that lets this much pile up is not reading; it is dropped. The byte limit counts
// what was already waiting: one large frame (a 10,000-row snapshot is several MiB) is always
// accepted by a client that keeps up.
constexpr std::size_t kMaxQueuedFrames = 1024;
constexpr std::size_t kMaxQueuedBytes = 4 * 1024 * 1024;

}  // namespace

void start_websocket_session(net::ip::tcp::socket&& socket,
                             http::request<http::string_body>&& req,
                             std::shared_ptr<SharedState> state) {
  std::make_shared<websocket_session>(std::move(socket), std::move(state))->run(std::move(req));
}

websocket_session::websocket_session(net::ip::tcp::socket&& socket,
                                     std::shared_ptr<SharedState> state)
    : ws_(std::move(socket)), state_(std::move(state)) {}

websocket_session::~websocket_session() { state_->leave(this); }

void websocket_session::run(http::request<http::string_body> req) {
  // The WebSocket stream has its own timers; the HTTP read timeout must not apply any more.
  beast::get_lowest_layer(ws_).expires_never();
  // Frames are small and latency matters (an ack followed by an event): don't let Nagle hold
  // the second one back waiting for a delayed ACK.
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().set_option(net::ip::tcp::no_delay(true), ignored);
  // Ping a quiet peer after 20 s and drop it when nothing (not even the pong) came in 40 s.
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = std::chrono::seconds(15);
  timeouts.idle_timeout = std::chrono::seconds(40);
  timeouts.keep_alive_pings = true;
  ws_.set_option(timeouts);
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "partner-portal"); }));
  ws_.read_message_max(kHardMaxMessage);
  ws_.async_accept(req, beast::bind_front_handler(&websocket_session::on_accept,
                                                  shared_from_this()));
}

void websocket_session::on_accept(beast::error_code ec) {
  if (ec) return;
  client_ = std::make_shared<Client>(weak_from_this());
  if (!state_->join(this, weak_from_this())) {
    // The server began shutting down during the handshake.
    on_shutdown();
  }
  do_read();
}

void websocket_session::do_read() {
  ws_.async_read(buffer_,
                 beast::bind_front_handler(&websocket_session::on_read, shared_from_this()));
}

void websocket_session::on_read(beast::error_code ec, std::size_t) {
  if (ec) {
    if (ec == websocket::error::message_too_big) {
      std::fprintf(stderr, "portal-server: closing a connection that sent a frame over %zu bytes\n",
                   kHardMaxMessage);
    }
    closed_ = true;
    return on_ended();
  }
  std::string text = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  if (!ws_.got_text()) {
    state_->service().refuse(*client_, ErrorCode::BadFrame,
                             "The server only understands text frames with JSON.");
    return do_read();
  }
  // Handling may block (SQLite, argon2): it runs on the worker pool, and the next read starts
  // only when it is done, which keeps one client's frames in order and bounds its work.
  state_->run_blocking([self = shared_from_this(), text = std::move(text)] {
    try {
      self->state_->service().handle_text(*self->client_, text);
    } catch (const std::exception& e) {
      // handle_text answers its own failures; this only guards the worker thread, which an
      // escaping exception would take down with the whole process.
      std::fprintf(stderr, "portal-server: unexpected failure: %s\n", e.what());
    }
    net::post(self->ws_.get_executor(), [self] { self->do_read(); });
  });
}

void websocket_session::send(SharedFrame frame) {
  // Post to our strand so the queue is only touched by one thread at a time.
  net::post(ws_.get_executor(),
            beast::bind_front_handler(&websocket_session::on_send, shared_from_this(),
                                      std::move(frame)));
}

void websocket_session::on_send(SharedFrame frame) {
  if (closed_ || close_after_flush_) return;
  if (queue_.size() >= kMaxQueuedFrames || queued_bytes_ > kMaxQueuedBytes) {
    return abort("its unsent frames exceeded the limit (slow client)");
  }
  queued_bytes_ += frame->size();
  queue_.push_back(std::move(frame));
  // Are we already writing?
  if (writing_) return;
  do_write();
}

void websocket_session::do_write() {
  writing_ = true;
  ws_.text(true);
  ws_.async_write(net::buffer(*queue_.front()),
                  beast::bind_front_handler(&websocket_session::on_write, shared_from_this()));
}

void websocket_session::on_write(beast::error_code ec, std::size_t) {
  writing_ = false;
  if (ec) return abort(nullptr);
  // An abort() on this strand may have emptied the queue after this write had already completed.
  if (queue_.empty()) return;
  queued_bytes_ -= queue_.front()->size();
  queue_.pop_front();
  if (!queue_.empty()) return do_write();
  if (close_after_flush_ && !closed_) do_close();
}

void websocket_session::shutdown() {
  net::post(ws_.get_executor(),
            beast::bind_front_handler(&websocket_session::on_shutdown, shared_from_this()));
}

void websocket_session::on_shutdown() {
  if (closed_ || close_after_flush_) return;
  on_send(std::make_shared<const std::string>(encode(ServerFrame{ByeFrame{"server_shutdown"}})));
  close_after_flush_ = true;
  if (!writing_ && !closed_) do_close();
}

void websocket_session::do_close() {
  closed_ = true;
  ws_.async_close(websocket::close_code::going_away,
                  beast::bind_front_handler(&websocket_session::on_close, shared_from_this()));
}

void websocket_session::on_close(beast::error_code) {
  // The pending read completes with an error now and ends the session.
}

void websocket_session::abort(const char* why) {
  if (why) std::fprintf(stderr, "portal-server: dropping a WebSocket client: %s\n", why);
  closed_ = true;
  queue_.clear();
  queued_bytes_ = 0;
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(ws_).close();
}

void websocket_session::on_ended() {
  if (ended_ || !client_) return;
  ended_ = true;
  state_->service().on_disconnect(*client_);
  // "Since your last visit" needs when the user was last seen; that is a SQLite write.
  if (const auto who = client_->identity())
    state_->run_blocking([state = state_, id = who->user.id] { state->service().on_user_seen(id); });
  state_->leave(this);
}

}  // namespace portal::server
