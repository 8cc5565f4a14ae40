#include "support/raw_socket.h"

#include <array>
#include <cctype>
#include <functional>
#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

namespace portal::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct RawSocket::Impl {
  net::io_context ioc;
  tcp::socket socket{ioc};
  std::string pending;  // bytes read ahead of a delimiter, for the next read

  // Runs what was started on the socket until it is done or `timeout` passes; whatever is
  // still pending then is cancelled, so no handler outlives the caller's locals.
  void run(std::chrono::milliseconds timeout) {
    ioc.restart();
    ioc.run_for(timeout);
    if (!ioc.stopped()) {
      beast::error_code ignored;
      socket.cancel(ignored);
      ioc.run();
    }
  }
};

RawSocket::RawSocket(uint16_t port, int receive_buffer) : impl_(std::make_unique<Impl>()) {
  beast::error_code ec;
  impl_->socket.open(tcp::v4(), ec);
  // Before connecting: the window scale is agreed in the handshake.
  if (!ec && receive_buffer > 0)
    impl_->socket.set_option(net::socket_base::receive_buffer_size(receive_buffer), ec);
  if (!ec) impl_->socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
  if (ec) throw std::runtime_error("connect failed: " + ec.message());
}

RawSocket::~RawSocket() {
  beast::error_code ignored;
  impl_->socket.close(ignored);
}

bool RawSocket::write(std::string_view bytes) {
  beast::error_code ec;
  net::write(impl_->socket, net::buffer(bytes.data(), bytes.size()), ec);
  return !ec;
}

std::optional<std::string> RawSocket::read_until(std::string_view delimiter,
                                                 std::chrono::milliseconds timeout) {
  bool done = false;
  beast::error_code result;
  size_t length = 0;
  net::async_read_until(impl_->socket, net::dynamic_buffer(impl_->pending), delimiter,
                        [&](beast::error_code ec, size_t n) {
                          done = true;
                          result = ec;
                          length = n;
                        });
  impl_->run(timeout);
  if (!done || result) return std::nullopt;
  std::string out = impl_->pending.substr(0, length);
  impl_->pending.erase(0, length);
  return out;
}

std::optional<std::string> RawSocket::read_exactly(size_t n, std::chrono::milliseconds timeout) {
  if (impl_->pending.size() < n) {
    beast::error_code result = net::error::timed_out;
    net::async_read(impl_->socket, net::dynamic_buffer(impl_->pending),
                    net::transfer_at_least(n - impl_->pending.size()),
                    [&](beast::error_code ec, size_t) { result = ec; });
    impl_->run(timeout);
    if (result || impl_->pending.size() < n) return std::nullopt;
  }
  std::string out = impl_->pending.substr(0, n);
  impl_->pending.erase(0, n);
  return out;
}

std::string RawSocket::write_while_reading(std::string_view bytes,
                                           std::chrono::milliseconds timeout,
                                           std::chrono::milliseconds read_after) {
  std::string received = std::move(impl_->pending);
  impl_->pending.clear();
  // A write the server refuses to take fails or is cancelled at the deadline: either is fine,
  // the test judges what was read.
  net::async_write(impl_->socket, net::buffer(bytes.data(), bytes.size()),
                   [](beast::error_code, size_t) {});
  std::array<char, 16 * 1024> chunk;
  std::function<void()> read_on = [&] {
    impl_->socket.async_read_some(net::buffer(chunk), [&](beast::error_code ec, size_t n) {
      received.append(chunk.data(), n);
      if (!ec) read_on();
    });
  };
  net::steady_timer delay(impl_->ioc, read_after);
  delay.async_wait([&](beast::error_code) { read_on(); });
  impl_->run(timeout);
  return received;
}

void RawSocket::shutdown_send() {
  beast::error_code ignored;
  impl_->socket.shutdown(tcp::socket::shutdown_send, ignored);
}

namespace {

// Parses the response at the start of `bytes`; `used` says how many bytes it took.
std::optional<HttpResponse> parse_one(std::string_view bytes, size_t& used) {
  http::response_parser<http::string_body> parser;
  parser.eager(true);
  parser.body_limit(64 * 1024 * 1024);
  net::const_buffer rest(bytes.data(), bytes.size());
  while (!parser.is_done()) {
    beast::error_code ec;
    const size_t n = parser.put(rest, ec);
    if (ec || n == 0) return std::nullopt;  // broken, or cut short
    rest += n;
  }
  used = bytes.size() - rest.size();
  const auto& res = parser.get();
  HttpResponse out;
  out.status = res.result_int();
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = res.body();
  return out;
}

}  // namespace

std::optional<HttpResponse> parse_complete_response(std::string_view bytes) {
  size_t used = 0;
  return parse_one(bytes, used);
}

std::vector<HttpResponse> parse_complete_responses(std::string_view bytes) {
  std::vector<HttpResponse> out;
  size_t used = 0;
  while (auto res = parse_one(bytes, used)) {
    out.push_back(std::move(*res));
    bytes.remove_prefix(used);
  }
  return out;
}

}  // namespace portal::testing
