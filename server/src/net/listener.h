// Accepts TCP connections and starts an http_session on each, every one on its own strand.
#pragma once
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>

#include "net/shared_state.h"

namespace portal::server {

class listener : public std::enable_shared_from_this<listener> {
 public:
  // Opens, binds and listens; `ec` says why not (e.g. the port is taken).
  listener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& endpoint,
           std::shared_ptr<SharedState> state, boost::beast::error_code& ec);

  // The bound address: tells the real port when 0 was asked for.
  boost::asio::ip::tcp::endpoint local_endpoint() const;
  void run();
  // Stops accepting; existing connections carry on. Safe from any thread.
  void stop();

 private:
  void do_accept();
  void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<SharedState> state_;
};

}  // namespace portal::server
