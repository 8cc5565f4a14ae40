// One WebSocket connection. Reads a frame, has the application handle it on the worker pool,
// then reads the next one, so a client's frames are handled in order. Writes go through a
// bounded queue with one write in flight; a client that cannot keep up is disconnected rather
// than allowed to grow the server's memory.
#pragma once
#include <deque>
#include <memory>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "app/client.h"
#include "app/connection.h"
#include "net/shared_state.h"

namespace portal::server {

class websocket_session : public std::enable_shared_from_this<websocket_session>,
                          public Connection,
                          public Closable {
 public:
  websocket_session(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<SharedState> state);
  ~websocket_session() override;

  void run(boost::beast::http::request<boost::beast::http::string_body> req);

  // Connection: queue a frame (any thread).
  void send(SharedFrame frame) override;
  // Closable: say goodbye and close with "going away" (any thread).
  void shutdown() override;

 private:
  void on_accept(boost::beast::error_code ec);
  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void on_send(SharedFrame frame);
  void do_write();
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  void on_shutdown();
  void do_close();
  void on_close(boost::beast::error_code ec);
  void abort(const char* why);
  void on_ended();

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<SharedState> state_;
  std::shared_ptr<Client> client_;

  std::deque<SharedFrame> queue_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool close_after_flush_ = false;  // shutting down: close once the queue is written
  bool closed_ = false;             // nothing more may be written
  bool ended_ = false;              // the application was told the connection is gone
};

}  // namespace portal::server
