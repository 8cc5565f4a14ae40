// One HTTP connection: serves /healthz and the app's static files, and hands a WebSocket
// upgrade at /ws over to a websocket_session. Requests are size-limited and idle connections
// time out.
#pragma once
#include <memory>
#include <optional>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/message_generator.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/shared_state.h"

namespace portal::server {

class http_session : public std::enable_shared_from_this<http_session> {
 public:
  http_session(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<SharedState> state);
  void run();

 private:
  using request = boost::beast::http::request<boost::beast::http::string_body>;

  void do_read();
  void on_header(boost::beast::error_code ec, std::size_t bytes);
  // A read failed: answers what deserves an answer, else drops the connection.
  void on_read_error(boost::beast::error_code ec);
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void handle(request&& req);
  void serve_file(const request& req);
  void on_upgrade(request&& req);
  // /api/...: handled on the worker pool (net/uploads.h), answered back on this strand.
  void serve_api(request&& req);
  void send_generated(boost::beast::http::message_generator&& response);
  void on_write(bool close, boost::beast::error_code ec, std::size_t bytes);
  // Ends the connection after a response that closes it, without resetting it (see the .cpp).
  void do_close();
  void do_drain();
  void on_drain(boost::beast::error_code ec, std::size_t bytes);

  // Writes any response type; keeps it alive until the write is done.
  template <class Message>
  void send(Message&& msg);
  void send_text(const request* req, boost::beast::http::status status, std::string body,
                 const char* content_type = "text/plain; charset=utf-8", bool close = false);

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<SharedState> state_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::shared_ptr<void> response_;
  std::size_t drained_ = 0;  // bytes read and dropped since do_close
};

}  // namespace portal::server
