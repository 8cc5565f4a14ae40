#include "support/http_client.h"

#include <cctype>
#include <stdexcept>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace portal::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

HttpResponse read_response(beast::tcp_stream& stream, bool head) {
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  parser.skip(head);
  beast::error_code ec;
  http::read(stream, buffer, parser, ec);
  if (ec) throw std::runtime_error("http read failed: " + ec.message());
  auto res = parser.release();
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

HttpResponse http_request_head_only(uint16_t port, const std::string& method,
                                    const std::string& target, const Headers& headers,
                                    uint64_t content_length) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(10));
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  std::string head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" +
                     std::to_string(port) + "\r\nContent-Length: " +
                     std::to_string(content_length) + "\r\n";
  for (const auto& [name, value] : headers) head += name + ": " + value + "\r\n";
  head += "\r\n";
  net::write(stream, net::buffer(head));
  HttpResponse out = read_response(stream, false);
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  return out;
}

HttpResponse http_request(uint16_t port, const std::string& method, const std::string& target,
                          const Headers& headers, const std::string& body) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(5));
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));

  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  req.set(http::field::connection, "close");
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!body.empty() || method == "POST") {
    req.body() = body;
    req.prepare_payload();
  }
  stream.expires_after(std::chrono::seconds(30));
  http::write(stream, req);

  HttpResponse out = read_response(stream, method == "HEAD");
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  return out;
}

}  // namespace portal::testing
