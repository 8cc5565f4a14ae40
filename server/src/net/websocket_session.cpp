#include "net/websocket_session.h"

#include <sys/socket.h>
#include <sys/uio.h>
#ifdef PORTAL_HAVE_URING
#include <liburing.h>
#endif

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/websocket.hpp>

#include "app/connection.h"
#include "app/portal_service.h"
#include "net/websocket_start.h"

namespace portal::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using namespace std::chrono_literals;

namespace {

// Frames above kMaxFrameBytes are read whole and answered with a "too_large" error, so the
// client learns what happened; only beyond this hard limit is the connection closed (code 1009)
// without reading further.
constexpr std::size_t kHardMaxMessage = 1024 * 1024;
// A client that lets this much pile up is not reading; it is dropped. The byte limit counts
// what was already waiting: one large frame (a 10,000-row snapshot is several MiB) is always
// accepted by a client that keeps up.
constexpr std::size_t kMaxQueuedFrames = 1024;
constexpr std::size_t kMaxQueuedBytes = 4 * 1024 * 1024;
// One write takes at most this many frames; payloads up to kInlinePayload bytes are copied next
// to their headers (one contiguous buffer), larger ones are written from the shared frame.
constexpr std::size_t kMaxFramesPerWrite = 256;
constexpr std::size_t kInlinePayload = 2048;
// Sessions per io_uring submission when a SendBatch writes many at once.
constexpr std::size_t kRingEntries = 256;
// Heartbeat: a peer silent this long is pinged, and dropped when silent for kSilentLimit; a
// close handshake that does not finish in kCloseLimit is cut.
constexpr auto kHeartbeatTick = 10s;
constexpr auto kPingAfter = 20s;
constexpr auto kSilentLimit = 40s;
constexpr auto kCloseLimit = 5s;

}  // namespace

void start_websocket_session(net::ip::tcp::socket&& socket,
                             http::request<http::string_body>&& req,
                             std::shared_ptr<SharedState> state) {
  std::make_shared<websocket_session>(std::move(socket), std::move(state))->run(std::move(req));
}

websocket_session::websocket_session(net::ip::tcp::socket&& socket,
                                     std::shared_ptr<SharedState> state)
    : handshake_(std::move(socket)),
      socket_(handshake_.get_executor()),
      heartbeat_(handshake_.get_executor()),
      state_(std::move(state)),
      reader_(kHardMaxMessage) {}

websocket_session::~websocket_session() { state_->leave(this); }

void websocket_session::run(http::request<http::string_body> req) {
  // The handshake has its own timer; the HTTP read timeout must not apply any more.
  beast::get_lowest_layer(handshake_).expires_never();
  // Frames are small and latency matters (an ack followed by an event): don't let Nagle hold
  // the second one back waiting for a delayed ACK.
  beast::error_code ignored;
  beast::get_lowest_layer(handshake_).socket().set_option(net::ip::tcp::no_delay(true), ignored);
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = std::chrono::seconds(15);
  timeouts.idle_timeout = websocket::stream_base::none();
  timeouts.keep_alive_pings = false;
  handshake_.set_option(timeouts);
  handshake_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "partner-portal"); }));
  handshake_.async_accept(req, beast::bind_front_handler(&websocket_session::on_accept,
                                                         shared_from_this()));
}

void websocket_session::on_accept(beast::error_code ec) {
  if (ec) return;
  socket_ = handshake_.next_layer().release_socket();
  beast::error_code ignored;
  socket_.non_blocking(true, ignored);
  beast::error_code no_peer;
  const auto peer = socket_.remote_endpoint(no_peer);
  client_ = std::make_shared<Client>(weak_from_this(),
                                     no_peer ? std::string() : peer.address().to_string());
  last_heard_ = Clock::now();
  opened_at_ = last_heard_;
  arm_heartbeat();
  if (!state_->join(this, weak_from_this())) {
    // The server began shutting down during the handshake.
    on_shutdown("server_shutdown");
  }
  pump();
}

// [SECTION] reading

void websocket_session::pump() {
  if (closed_ || handling_) return;
  if (!inbox_.empty()) {
    // Handling may block (SQLite, argon2): it runs on the worker pool, and the next message is
    // taken only when it is done, which keeps one client's frames in order and bounds its work.
    handling_ = true;
    std::string text = std::move(inbox_.front());
    inbox_.pop_front();
    state_->run_blocking([self = shared_from_this(), text = std::move(text)] {
      // A log-in finishes later, on the hash queue's thread: `done` runs there.
      auto done = [self] { net::post(self->socket_.get_executor(), [self] { self->on_handled(); }); };
      try {
        self->state_->service().handle_text(*self->client_, text, done);
      } catch (const std::exception& e) {
        // handle_text answers its own failures; this only guards the worker thread, which an
        // escaping exception would take down with the whole process.
        std::fprintf(stderr, "portal-server: unexpected failure: %s\n", e.what());
        done();
      }
    });
    return;
  }
  // Read on while the peer may still say something; after our close frame left, read only to
  // drain until the peer closes too.
  if (!reading_ && (!reader_.finished() || close_written_)) do_read();
}

void websocket_session::do_read() {
  reading_ = true;
  socket_.async_wait(net::ip::tcp::socket::wait_read,
                     beast::bind_front_handler(&websocket_session::on_read, shared_from_this()));
}

void websocket_session::on_read(beast::error_code ec) {
  reading_ = false;
  if (closed_) return on_ended();
  if (ec) return finish();
  // One buffer per I/O thread: the bytes are parsed (and copied where a message needs them)
  // before the handler returns.
  thread_local std::array<char, 64 * 1024> buffer;
  std::vector<ws::Received> received;
  for (;;) {
    const std::size_t n = socket_.read_some(net::buffer(buffer), ec);
    if (ec == net::error::would_block || ec == net::error::try_again) break;
    if (ec) return finish();  // end of stream or a reset
    last_heard_ = Clock::now();
    pinged_ = false;
    reader_.feed(std::string_view(buffer.data(), n), received);
    if (n < buffer.size()) break;
  }
  for (auto& message : received) on_received(message);
  pump();
}

void websocket_session::on_received(ws::Received& message) {
  using Kind = ws::Received::Kind;
  switch (message.kind) {
    case Kind::kText:
      if (!close_sent_) inbox_.push_back(std::move(message.data));
      return;
    case Kind::kBinary:
      if (!close_sent_)
        state_->service().refuse(*client_, ErrorCode::BadFrame,
                                 "The server only understands text frames with JSON.");
      return;
    case Kind::kPing:
      if (!close_sent_) queue_control(ws::Opcode::kPong, std::move(message.data));
      return;
    case Kind::kPong:
      return;
    case Kind::kClose:
      // Answer with the code the codec chose: the peer's own (RFC 6455 5.5.1), or 1002/1007
      // when its close frame was invalid. If our close went out already, the handshake is
      // complete.
      if (close_written_) return finish();
      if (!message.data.empty()) {
        std::fprintf(stderr, "portal-server: closing a connection that sent a bad close: %s\n",
                     message.data.c_str());
      }
      send_close(message.reply);
      return;
    case Kind::kProtocolError:
      std::fprintf(stderr, "portal-server: closing a connection that broke WebSocket framing: %s\n",
                   message.data.c_str());
      send_close(ws::kCloseProtocolError);
      return;
    case Kind::kTooBig:
      std::fprintf(stderr, "portal-server: closing a connection that sent a frame over %zu bytes\n",
                   kHardMaxMessage);
      send_close(ws::kCloseTooBig);
      return;
  }
}

void websocket_session::on_handled() {
  handling_ = false;
  if (closed_) return on_ended();
  pump();
}

// [SECTION] writing

void websocket_session::send(SharedFrame frame) {
  std::lock_guard lock(write_mutex_);
  if (closed_ || close_sent_ || dropping_) return;
  if (queue_.size() >= kMaxQueuedFrames || queued_bytes_ > kMaxQueuedBytes) {
    return drop_locked("its unsent frames exceeded the limit (slow client)");
  }
  enqueue_locked(std::move(frame), ws::Opcode::kText);
}

void websocket_session::flush() {
  std::lock_guard lock(write_mutex_);
  held_ = false;
  if (!closed_ && !dropping_ && in_flight_ == 0 && !queue_.empty()) write_locked();
}

void websocket_session::queue_control(ws::Opcode opcode, std::string payload) {
  std::lock_guard lock(write_mutex_);
  if (closed_ || close_sent_ || dropping_) return;
  enqueue_locked(std::make_shared<const std::string>(std::move(payload)), opcode);
}

void websocket_session::send_close(uint16_t code) {
  std::lock_guard lock(write_mutex_);
  if (closed_ || close_sent_ || dropping_) return;
  enqueue_locked(std::make_shared<const std::string>(ws::close_payload(code)), ws::Opcode::kClose);
  close_sent_ = true;  // after queueing: nothing may follow the close frame
  close_sent_at_ = Clock::now();
}

void websocket_session::enqueue_locked(SharedFrame payload, ws::Opcode opcode) {
  queued_bytes_ += payload->size();
  queue_.push_back(Outgoing{std::move(payload), opcode});
  // A write in flight or a batch holding this session takes the frame along when it goes on.
  if (in_flight_ > 0 || held_) return;
  if (SendBatch::enlist(shared_from_this())) {
    held_ = true;
    return;
  }
  write_locked();
}

void websocket_session::write_locked() {
  while (!queue_.empty()) {
    const std::size_t total = prepare_write_locked();
    // Most writes fit the socket's send buffer: one non-blocking sendmsg from this thread. The
    // system call is made directly (the socket is not closed meanwhile: that takes this lock).
    thread_local std::vector<iovec> iov;
    iov.resize(buffers_.size());
    for (std::size_t i = 0; i < buffers_.size(); ++i)
      iov[i] = iovec{const_cast<void*>(buffers_[i].data()), buffers_[i].size()};
    msghdr msg{};
    msg.msg_iov = iov.data();
    msg.msg_iovlen = iov.size();
    const ssize_t sent = ::sendmsg(socket_.native_handle(), &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (!finish_write_locked(sent, sent < 0 ? errno : 0, total) || close_written_) return;
  }
}

std::size_t websocket_session::prepare_write_locked() {
  // Everything queued leaves in one gather write: headers and small payloads copied side by
  // side into out_, large payloads pointed at where they are (shared by every recipient).
  const std::size_t n = std::min(queue_.size(), kMaxFramesPerWrite);
  std::size_t inline_bytes = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t size = queue_[i].payload->size();
    inline_bytes += ws::kMaxHeaderBytes + (size <= kInlinePayload ? size : 0);
  }
  out_.clear();
  out_.reserve(inline_bytes);  // no reallocation below: the buffers point into out_
  buffers_.clear();
  std::size_t run_start = 0;  // where the current contiguous run of out_ began
  auto close_run = [&] {
    if (out_.size() > run_start)
      buffers_.emplace_back(out_.data() + run_start, out_.size() - run_start);
    run_start = out_.size();
  };
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& payload = *queue_[i].payload;
    uint8_t header[ws::kMaxHeaderBytes];
    const std::size_t h = ws::encode_header(queue_[i].opcode, payload.size(), header);
    out_.append(reinterpret_cast<const char*>(header), h);
    if (payload.size() <= kInlinePayload) {
      out_.append(payload);
    } else {
      close_run();
      buffers_.emplace_back(payload.data(), payload.size());
    }
  }
  close_run();
  in_flight_ = n;
  std::size_t total = 0;
  for (const auto& b : buffers_) total += b.size();
  return total;
}

bool websocket_session::finish_write_locked(ssize_t sent, int error, std::size_t total) {
  std::size_t written = 0;
  if (sent >= 0) {
    written = static_cast<std::size_t>(sent);
  } else if (error != EAGAIN && error != EWOULDBLOCK && error != EINTR) {
    drop_locked(nullptr);  // reset or broken pipe: the reader will see it too
    return false;
  }
  if (written < total) {
    // The socket is full (a slow reader or a large snapshot): the rest is written
    // asynchronously on the strand, and frames queued meanwhile wait for it.
    auto first = buffers_.begin();
    while (written >= first->size()) written -= (first++)->size();
    *first += written;
    buffers_.erase(buffers_.begin(), first);
    net::post(socket_.get_executor(),
              beast::bind_front_handler(&websocket_session::start_async_write, shared_from_this()));
    return false;
  }
  written_locked();
  return true;
}

void websocket_session::flush_all(std::vector<std::shared_ptr<Connection>>& held) {
#ifdef PORTAL_HAVE_URING
  // One ring per publishing thread, made on its first batch; a kernel without io_uring (or one
  // that forbids it) leaves `ok` false and every write goes the ordinary way.
  struct Ring {
    io_uring ring{};
    bool ok = false;
    Ring() { ok = io_uring_queue_init(kRingEntries, &ring, 0) == 0; }
    ~Ring() {
      if (ok) io_uring_queue_exit(&ring);
    }
  };
  thread_local Ring ring;
  if (ring.ok && held.size() > 1) {
    std::vector<websocket_session*> sessions;
    sessions.reserve(held.size());
    for (auto& connection : held) {
      if (auto* session = dynamic_cast<websocket_session*>(connection.get()))
        sessions.push_back(session);
      else
        connection->flush();
    }
    // Every batch locks its sessions in address order, so two batches never wait on each other.
    std::sort(sessions.begin(), sessions.end());
    sessions.erase(std::unique(sessions.begin(), sessions.end()), sessions.end());
    for (std::size_t at = 0; at < sessions.size(); at += kRingEntries)
      flush_group(ring.ring, sessions.data() + at, std::min(kRingEntries, sessions.size() - at));
    return;
  }
#endif
  for (auto& connection : held) connection->flush();
}

#ifdef PORTAL_HAVE_URING
void websocket_session::flush_group(io_uring& ring, websocket_session* const* sessions,
                                    std::size_t n) {
  // Each session stays locked until its write has completed: its buffers are in use and its
  // socket must not be closed meanwhile (closing takes the lock).
  std::vector<std::unique_lock<std::mutex>> locks;
  locks.reserve(n);
  std::vector<std::size_t> totals(n, 0);
  std::vector<std::size_t> writing;  // indexes of the sessions with a write to make
  for (std::size_t i = 0; i < n; ++i) {
    websocket_session& s = *sessions[i];
    locks.emplace_back(s.write_mutex_);
    s.held_ = false;
    if (s.closed_ || s.dropping_ || s.in_flight_ > 0 || s.queue_.empty()) continue;
    totals[i] = s.prepare_write_locked();
    writing.push_back(i);
  }
  if (writing.empty()) return;
  std::size_t iov_count = 0;
  for (std::size_t i : writing) iov_count += sessions[i]->buffers_.size();
  std::vector<iovec> iov;
  iov.reserve(iov_count);  // no reallocation: the messages point into it
  std::vector<msghdr> messages(writing.size());
  for (std::size_t k = 0; k < writing.size(); ++k) {
    websocket_session& s = *sessions[writing[k]];
    msghdr& m = messages[k];
    m.msg_iov = iov.data() + iov.size();
    m.msg_iovlen = s.buffers_.size();
    for (const auto& b : s.buffers_) iov.push_back(iovec{const_cast<void*>(b.data()), b.size()});
    io_uring_sqe* sqe = io_uring_get_sqe(&ring);  // the ring holds kRingEntries >= n
    // MSG_DONTWAIT: a full socket completes at once with EAGAIN instead of waiting.
    io_uring_prep_sendmsg(sqe, s.socket_.native_handle(), &m, MSG_NOSIGNAL | MSG_DONTWAIT);
    io_uring_sqe_set_data64(sqe, writing[k]);
  }
  std::size_t done = 0;
  while (done < writing.size()) {
    const int rc = io_uring_submit_and_wait(&ring, 1);
    if (rc < 0 && rc != -EINTR && rc != -EAGAIN && rc != -EBUSY) {
      // Not a full socket (that completes with EAGAIN) but a broken ring: the kernel may still
      // hold sends that point into these buffers, so nothing here can be released safely.
      std::fprintf(stderr, "portal-server: io_uring_submit failed: %s\n", std::strerror(-rc));
      std::abort();
    }
    io_uring_cqe* cqe = nullptr;
    unsigned head = 0, seen = 0;
    io_uring_for_each_cqe(&ring, head, cqe) {
      websocket_session& s = *sessions[io_uring_cqe_get_data64(cqe)];
      const int res = cqe->res;
      const std::size_t i = static_cast<std::size_t>(io_uring_cqe_get_data64(cqe));
      ++seen;
      // The rest of a long queue (over kMaxFramesPerWrite frames) leaves the ordinary way.
      if (s.finish_write_locked(res >= 0 ? res : -1, res >= 0 ? 0 : -res, totals[i]) &&
          !s.close_written_ && !s.queue_.empty())
        s.write_locked();
    }
    io_uring_cq_advance(&ring, seen);
    done += seen;
  }
}
#endif
void websocket_session::written_locked() {
  bool wrote_close = false;
  for (std::size_t i = 0; i < in_flight_; ++i) {
    wrote_close = wrote_close || queue_.front().opcode == ws::Opcode::kClose;
    queued_bytes_ -= queue_.front().payload->size();
    queue_.pop_front();
  }
  in_flight_ = 0;
  if (out_.capacity() > 64 * 1024) std::string().swap(out_);  // an idle connection stays small
  if (wrote_close) {
    // Our close is out: the peer answers with its own and closes; we read until it has.
    close_written_ = true;
    beast::error_code ignored;
    socket_.shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    net::post(socket_.get_executor(),
              beast::bind_front_handler(&websocket_session::on_close_written, shared_from_this()));
  }
}

void websocket_session::drop_locked(const char* why) {
  dropping_ = true;
  net::post(socket_.get_executor(), [self = shared_from_this(), why] { self->abort(why); });
}

void websocket_session::start_async_write() {
  std::lock_guard lock(write_mutex_);
  if (closed_) return;
  net::async_write(socket_, buffers_,
                   beast::bind_front_handler(&websocket_session::on_write, shared_from_this()));
}

void websocket_session::on_write(beast::error_code ec, std::size_t) {
  std::unique_lock lock(write_mutex_);
  if (closed_) return;
  if (ec) {
    lock.unlock();
    return abort(nullptr);
  }
  written_locked();
  if (!close_written_ && !queue_.empty()) write_locked();
}

void websocket_session::on_close_written() {
  pump();
}

// [SECTION] closing

void websocket_session::shutdown(std::string reason) {
  net::post(socket_.get_executor(),
            beast::bind_front_handler(&websocket_session::on_shutdown, shared_from_this(),
                                      std::move(reason)));
}

void websocket_session::on_shutdown(const std::string& reason) {
  if (closed_ || close_sent_) return;
  send(std::make_shared<const std::string>(encode(ServerFrame{ByeFrame{reason}})));
  send_close(ws::kCloseGoingAway);
}

void websocket_session::arm_heartbeat() {
  heartbeat_.expires_after(std::min<Clock::duration>(kHeartbeatTick, state_->login_deadline()));
  heartbeat_.async_wait(
      beast::bind_front_handler(&websocket_session::on_heartbeat, shared_from_this()));
}

void websocket_session::on_heartbeat(beast::error_code ec) {
  if (ec || closed_) return;
  const auto now = Clock::now();
  if (close_sent_ && now - close_sent_at_ > kCloseLimit) return abort(nullptr);
  // A message being handled is the peer's, and we do not read meanwhile: that is not silence.
  if (handling_ || !inbox_.empty()) last_heard_ = now;
  const auto silent = now - last_heard_;
  if (silent >= kSilentLimit) return abort("it stopped answering pings");
  // A connection with no user after the deadline is closed (bye "login_timeout"): sockets
  // opened and never logged in on must not pile up. The browser app reconnects at once,
  // unseen, so a log-in page left open is not disturbed.
  if (!handling_ && now - opened_at_ >= state_->login_deadline() && !client_->identity()) {
    on_shutdown("login_timeout");
    opened_at_ = now;  // the close handshake's own limit takes over from here
  }
  if (silent >= kPingAfter && !pinged_) {
    queue_control(ws::Opcode::kPing, {});
    pinged_ = true;
  }
  arm_heartbeat();
}

void websocket_session::abort(const char* why) {
  if (why) std::fprintf(stderr, "portal-server: dropping a WebSocket client: %s\n", why);
  finish();
}

void websocket_session::finish() {
  if (!closed_) {
    heartbeat_.cancel();
    std::lock_guard lock(write_mutex_);
    closed_ = true;
    beast::error_code ignored;
    socket_.shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    // The frames in flight stay in queue_ until the session goes: the aborted write may still
    // refer to them.
  }
  // The application hears of the end once no message of this client is being handled, so a
  // disconnect never overtakes the client's last command.
  if (!handling_ && !reading_) on_ended();
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
