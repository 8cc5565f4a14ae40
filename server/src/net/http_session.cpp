#include "net/http_session.h"
#include "net/invitation_api.h"

#include <cstdio>

#include <boost/asio/dispatch.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_generator.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "net/uploads.h"
#include "net/websocket_start.h"
#include "net/ws_codec.h"
#include "portal/rules/upload_rules.h"

namespace portal::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {

constexpr std::uint32_t kHeaderLimit = 8 * 1024;
constexpr std::uint64_t kBodyLimit = 64 * 1024;
constexpr auto kReadTimeout = std::chrono::seconds(30);
// An upload of 25 MB needs time on a slow line; a download of one likewise.
constexpr auto kUploadTimeout = std::chrono::seconds(300);
constexpr const char* kServerName = "partner-portal";
// How much a closing connection reads and drops before it gives up on a clean close: enough
// for the rest of a refused request body, not enough to let a peer hold the connection.
constexpr std::size_t kDrainLimit = 4 * 1024 * 1024;
constexpr std::size_t kDrainChunk = 64 * 1024;
constexpr auto kDrainTimeout = std::chrono::seconds(5);

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find_first_of("?#"));
}

bool accepts_gzip(std::string_view accept_encoding) {
  // Good enough for browsers, which send "gzip, deflate, br"; q=0 refusals are not honoured.
  return accept_encoding.find("gzip") != std::string_view::npos;
}

}  // namespace

http_session::http_session(net::ip::tcp::socket&& socket, std::shared_ptr<SharedState> state)
    : stream_(std::move(socket)), state_(std::move(state)) {}

void http_session::run() {
  // Start on the connection's strand; the listener gave each socket its own.
  net::dispatch(stream_.get_executor(),
                beast::bind_front_handler(&http_session::do_read, shared_from_this()));
}

void http_session::do_read() {
  // A fresh parser per request, because limits apply per message.
  parser_.emplace();
  parser_->header_limit(kHeaderLimit);
  // The parser compares a Content-Length with the limit as soon as the header is in, so the
  // header is read under the upload limit; on_header then sets the limit of the request.
  parser_->body_limit(static_cast<uint64_t>(kMaxHttpUploadBytes));
  stream_.expires_after(kReadTimeout);
  // The header first: an upload gets a larger body limit, or an early 413.
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&http_session::on_header, shared_from_this()));
}

void http_session::on_header(beast::error_code ec, std::size_t) {
  if (ec) return on_read_error(ec);
  const auto& header = parser_->get();
  if (is_upload_request(header.method(), header.target())) {
    const auto length = parser_->content_length();
    if (length && *length > static_cast<uint64_t>(kMaxHttpUploadBytes)) {
      // Refused before reading the body; the connection closes since the body is not read.
      return send_generated(upload_too_large(header.version()));
    }
    stream_.expires_after(kUploadTimeout);
  } else {
    const auto length = parser_->content_length();
    if (length && *length > kBodyLimit) {
      return send_text(nullptr, http::status::payload_too_large, "Request body too large.\n",
                       "text/plain; charset=utf-8", true);
    }
    parser_->body_limit(kBodyLimit);
  }
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&http_session::on_read, shared_from_this()));
}

void http_session::on_read(beast::error_code ec, std::size_t) {
  if (ec) return on_read_error(ec);
  handle(parser_->release());
}

void http_session::on_read_error(beast::error_code ec) {
  if (ec == http::error::end_of_stream) return do_close();
  if (ec == http::error::header_limit) {
    return send_text(nullptr, http::status::request_header_fields_too_large,
                     "Request headers too large.\n", "text/plain; charset=utf-8", true);
  }
  if (ec == http::error::body_limit) {
    // The request line is parsed before the limit is checked, so the target is known here.
    if (is_upload_request(parser_->get().method(), parser_->get().target()))
      return send_generated(upload_too_large(parser_->get().version()));
    return send_text(nullptr, http::status::payload_too_large, "Request body too large.\n",
                     "text/plain; charset=utf-8", true);
  }
  if (ec == beast::error::timeout || ec == net::error::operation_aborted ||
      ec == net::error::connection_reset || ec == net::error::eof) {
    return;  // The peer went quiet or away: just drop the connection.
  }
  send_text(nullptr, http::status::bad_request, "Bad request.\n", "text/plain; charset=utf-8",
            true);
}

void http_session::handle(request&& req) {
  if (beast::websocket::is_upgrade(req)) return on_upgrade(std::move(req));
  if (is_api_path(path_of(req.target()))) return serve_api(std::move(req));

  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    http::response<http::string_body> res{http::status::method_not_allowed, req.version()};
    res.set(http::field::server, kServerName);
    res.set(http::field::allow, "GET, HEAD");
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.keep_alive(req.keep_alive());
    res.body() = "Method not allowed.\n";
    res.prepare_payload();
    return send(std::move(res));
  }
  if (path_of(req.target()) == "/healthz") {
    return send_text(&req, http::status::ok, R"({"status":"ok"})", "application/json");
  }
  serve_file(req);
}

void http_session::serve_file(const request& req) {
  const StaticLookup found = state_->files().find(
      std::string_view(req.target().data(), req.target().size()),
      accepts_gzip(std::string_view(req[http::field::accept_encoding])));
  if (found.status == LookupStatus::BadPath) {
    return send_text(&req, http::status::bad_request, "Bad path.\n");
  }
  if (found.status == LookupStatus::NotFound) {
    return send_text(&req, http::status::not_found, "Not found.\n");
  }
  const StaticFile& f = found.file;
  auto set_common = [&](auto& res) {
    res.set(http::field::server, kServerName);
    res.set(http::field::etag, f.etag);
    res.set(http::field::cache_control, f.no_cache ? "no-cache" : "public, max-age=3600");
    res.set("X-Content-Type-Options", "nosniff");
    if (f.has_gzip_variant) res.set(http::field::vary, "Accept-Encoding");
    res.keep_alive(req.keep_alive());
  };

  if (req[http::field::if_none_match] == f.etag) {
    http::response<http::empty_body> res{http::status::not_modified, req.version()};
    set_common(res);
    return send(std::move(res));
  }

  auto set_entity = [&](auto& res) {
    set_common(res);
    res.set(http::field::content_type, f.content_type);
    if (f.gzip) res.set(http::field::content_encoding, "gzip");
  };
  if (req.method() == http::verb::head) {
    http::response<http::empty_body> res{http::status::ok, req.version()};
    set_entity(res);
    res.content_length(f.size);
    return send(std::move(res));
  }
  beast::error_code ec;
  http::file_body::value_type body;
  body.open(f.path.c_str(), beast::file_mode::scan, ec);
  if (ec) return send_text(&req, http::status::not_found, "Not found.\n");
  const auto size = body.size();
  http::response<http::file_body> res{std::piecewise_construct, std::make_tuple(std::move(body)),
                                      std::make_tuple(http::status::ok, req.version())};
  set_entity(res);
  res.content_length(size);
  send(std::move(res));
}

void http_session::on_upgrade(request&& req) {
  if (path_of(req.target()) != "/ws") {
    return send_text(&req, http::status::not_found, "Not found.\n", "text/plain; charset=utf-8",
                     true);
  }
  // Browsers always send Origin on WebSocket handshakes; a page on another site must not be
  // able to use a visitor's connection. Native clients send none and are allowed.
  const auto origin = req[http::field::origin];
  if (!origin.empty() &&
      !state_->origin_allowed(std::string_view(origin.data(), origin.size()),
                              std::string_view(req[http::field::host]))) {
    return send_text(&req, http::status::forbidden, "Origin not allowed.\n",
                     "text/plain; charset=utf-8", true);
  }
  // Beast only checks that a key is there and not too long; a key that is not base64 of 16
  // bytes is a client that does not follow the handshake (RFC 6455 4.2.1). The version Beast
  // checks itself, answering 426 with the one it speaks.
  if (!ws::is_valid_key(std::string_view(req[http::field::sec_websocket_key]))) {
    return send_text(&req, http::status::bad_request, "Bad Sec-WebSocket-Key.\n",
                     "text/plain; charset=utf-8", true);
  }
  start_websocket_session(stream_.release_socket(), std::move(req), state_);
}

void http_session::serve_api(request&& req) {
  auto self = shared_from_this();
  auto shared_req = std::make_shared<request>(std::move(req));
  state_->run_blocking([self, shared_req] {
    std::shared_ptr<http::message_generator> response;
    try {
      const std::string_view target = shared_req->target();
      if (is_invitation_path(target.substr(0, target.find_first_of("?#"))))
        response = std::make_shared<http::message_generator>(
            handle_invitation_api(self->state_->service(), *shared_req));
      else
        response = std::make_shared<http::message_generator>(
            handle_api(self->state_->file_access(), *shared_req));
    } catch (const std::exception& e) {
      // A storage failure (disk full, SQLite) ends this request, not the server.
      std::fprintf(stderr, "portal-server: file request failed: %s\n", e.what());
      http::response<http::string_body> res{http::status::internal_server_error,
                                            shared_req->version()};
      res.set(http::field::server, kServerName);
      res.set(http::field::content_type, "application/json");
      res.set("X-Content-Type-Options", "nosniff");  // like every other answer under /api/
      res.body() =
          R"({"error":{"code":"internal","message":"The file could not be stored. Please try again.","fields":[]}})";
      res.keep_alive(false);
      res.prepare_payload();
      response = std::make_shared<http::message_generator>(std::move(res));
    }
    net::post(self->stream_.get_executor(),
              [self, response] { self->send_generated(std::move(*response)); });
  });
}

void http_session::send_generated(http::message_generator&& response) {
  const bool close = !response.keep_alive();
  stream_.expires_after(kUploadTimeout);
  beast::async_write(stream_, std::move(response),
                     beast::bind_front_handler(&http_session::on_write, shared_from_this(), close));
}

void http_session::send_text(const request* req, http::status status, std::string body,
                             const char* content_type, bool close) {
  http::response<http::string_body> res{status, req ? req->version() : 11};
  res.set(http::field::server, kServerName);
  res.set(http::field::content_type, content_type);
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(!close && req && req->keep_alive());
  const bool head = req && req->method() == http::verb::head;
  res.body() = std::move(body);
  res.prepare_payload();
  if (head) {
    // HEAD gets the headers of the GET response, without its body.
    http::response<http::empty_body> empty{res.result(), res.version()};
    for (const auto& field : res) empty.set(field.name_string(), field.value());
    empty.keep_alive(res.keep_alive());
    return send(std::move(empty));
  }
  send(std::move(res));
}

template <class Message>
void http_session::send(Message&& msg) {
  auto sp = std::make_shared<std::decay_t<Message>>(std::forward<Message>(msg));
  response_ = sp;
  http::async_write(stream_, *sp,
                    beast::bind_front_handler(&http_session::on_write, shared_from_this(),
                                              sp->need_eof()));
}

void http_session::on_write(bool close, beast::error_code ec, std::size_t) {
  response_.reset();
  if (ec) return;
  if (close) return do_close();
  do_read();
}

void http_session::do_close() {
  // A socket closed with unread bytes in it sends a reset, and a reset can destroy the answer
  // before the client has read it: a refused request often still has headers or a body on the
  // way. So the answer went out first; now the send side is shut down and what the peer still
  // sends is dropped until it closes too (bounded in bytes and time), and only then the socket
  // closes.
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  if (ec) return;
  buffer_.clear();
  drained_ = 0;
  stream_.expires_after(kDrainTimeout);
  do_drain();
}

void http_session::do_drain() {
  // Nothing is ever committed: each read reuses the same prepared space.
  stream_.async_read_some(buffer_.prepare(kDrainChunk),
                          beast::bind_front_handler(&http_session::on_drain, shared_from_this()));
}

void http_session::on_drain(beast::error_code ec, std::size_t bytes) {
  drained_ += bytes;
  if (!ec && drained_ < kDrainLimit) return do_drain();
  // The peer closed, went quiet or sent too much: the connection ends either way.
  beast::error_code ignored;
  stream_.socket().close(ignored);
}

}  // namespace portal::server
