// One WebSocket connection. Beast answers the upgrade; from then on the session speaks RFC 6455
// itself (net/ws_codec.h) so that a frame encoded once serves every recipient and every frame
// queued meanwhile leaves in one gather write.
// Reads: a client's text messages are handled one at a time on the worker pool, and the socket
// is read again only when they are done, so a client's frames are handled in order and a flood
// is bounded by TCP. Writes: a bounded queue under a mutex; whoever queues a frame onto an idle
// connection writes it at once from its own thread (the publishing thread reaches the socket
// without a hop through the I/O threads), and only what the socket does not take is finished
// asynchronously on the session's strand. A client that cannot keep up is disconnected rather
// than allowed to grow the server's memory. A quiet peer is pinged and dropped when it stays
// silent.
#pragma once
#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "app/client.h"
#include "app/connection.h"
#include "net/shared_state.h"
#include "net/ws_codec.h"

struct io_uring;  // liburing's ring (flush_all)

namespace portal::server {

class websocket_session : public std::enable_shared_from_this<websocket_session>,
                          public Connection,
                          public Closable {
 public:
  websocket_session(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<SharedState> state);
  ~websocket_session() override;

  void run(boost::beast::http::request<boost::beast::http::string_body> req);

  // Connection: queue a text frame and write it if the socket is idle (any thread).
  void send(SharedFrame frame) override;
  // Connection: write what a SendBatch held back (any thread).
  void flush() override;
  // Connection: say goodbye and close, the session having ended elsewhere (any thread).
  void end(std::string reason) override { shutdown(std::move(reason)); }
  // Closable: say goodbye and close with "going away" (any thread).
  void shutdown(std::string reason) override;

  // A SendBatch's flusher (SendBatch::set_flusher): the sessions' writes leave as one io_uring
  // submission (one system call for a whole room's deliveries) where the server was built with
  // liburing and the kernel allows it; otherwise, and for other connections, flush() each.
  static void flush_all(std::vector<std::shared_ptr<Connection>>& held);

 private:
  struct Outgoing {
    SharedFrame payload;
    ws::Opcode opcode;
  };
  using Clock = std::chrono::steady_clock;

  void on_accept(boost::beast::error_code ec);
  void pump();
  void do_read();
  void on_read(boost::beast::error_code ec);
  void on_received(ws::Received& message);
  void on_handled();
  void queue_control(ws::Opcode opcode, std::string payload);
  void send_close(uint16_t code);
  // With write_mutex_ held (any thread):
  void enqueue_locked(SharedFrame payload, ws::Opcode opcode);
  void write_locked();
  // The two halves of one write: gather the next frames into out_/buffers_ (returns their
  // bytes), and take the result of sending them (`sent` bytes, or -1 with `error`); false when
  // not all left (the rest goes on asynchronously, or the session is being dropped).
  std::size_t prepare_write_locked();
  bool finish_write_locked(ssize_t sent, int error, std::size_t total);
#ifdef PORTAL_HAVE_URING
  static void flush_group(::io_uring& ring, websocket_session* const* sessions, std::size_t n);
#endif
  void written_locked();
  void drop_locked(const char* why);
  // On the strand:
  void start_async_write();
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  void on_close_written();
  void on_shutdown(const std::string& reason);
  void arm_heartbeat();
  void on_heartbeat(boost::beast::error_code ec);
  void abort(const char* why);
  void finish();
  void on_ended();

  // Only for the upgrade; the socket is taken out of it once the handshake is done.
  boost::beast::websocket::stream<boost::beast::tcp_stream> handshake_;
  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer heartbeat_;
  std::shared_ptr<SharedState> state_;
  std::shared_ptr<Client> client_;

  // [SECTION] reading (no per-connection read buffer: an idle connection costs no memory;
  // readiness is awaited and the bytes read into a per-thread buffer)
  ws::Reader reader_;
  std::deque<std::string> inbox_;  // text messages read but not handled yet
  bool reading_ = false;
  bool handling_ = false;
  Clock::time_point last_heard_;
  Clock::time_point opened_at_;  // a connection that never logs in is closed after a while
  bool pinged_ = false;  // a ping went out since the peer was last heard

  // [SECTION] writing: every member below is guarded by write_mutex_, and so is every write to
  // the socket and its closing (so a write from another thread never meets a closed socket).
  // closed_ and close_sent_ change only on the strand, which may read them without the lock.
  std::mutex write_mutex_;
  std::deque<Outgoing> queue_;  // the first in_flight_ are being written asynchronously
  std::size_t in_flight_ = 0;
  std::size_t queued_bytes_ = 0;
  std::string out_;                // headers and small payloads of the write in flight
  std::vector<boost::asio::const_buffer> buffers_;
  bool held_ = false;              // a SendBatch holds this session: its flush() writes
  bool dropping_ = false;          // writing failed or overflowed: an abort is on its way
  bool close_sent_ = false;        // a close frame is queued: nothing else may follow it
  Clock::time_point close_sent_at_;
  std::atomic<bool> close_written_ = false;  // ... and it has left: only draining remains
  bool closed_ = false;            // the socket is closed: nothing more happens
  bool ended_ = false;             // the application was told the connection is gone
};

}  // namespace portal::server
