#include "net/uploads.h"

#include <cctype>

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/file_body.hpp>
#include <nlohmann/json.hpp>

#include "app/clock.h"
#include "app/file_access.h"
#include "portal/rules/upload_rules.h"

namespace portal::server {

namespace beast = boost::beast;
namespace http = beast::http;
using Json = nlohmann::json;

namespace {

constexpr const char* kServerName = "partner-portal";
constexpr std::string_view kFilesPrefix = "/api/files/";
// Every answer of these endpoints is data, never a page: even an image opened inline, or a file a
// browser sniffed against our nosniff, gets a sandbox with no script and no origin of its own.
constexpr const char* kNoPagePolicy = "default-src 'none'; sandbox";

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find_first_of("?#"));
}

using Request = http::request<http::string_body>;

// A JSON answer; to HEAD the same headers without the body.
http::message_generator json_response(unsigned version, bool keep_alive, bool head,
                                      http::status status, const Json& body) {
  http::response<http::string_body> res{status, version};
  res.set(http::field::server, kServerName);
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Content-Security-Policy", kNoPagePolicy);
  res.keep_alive(keep_alive);
  res.body() = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  res.prepare_payload();
  if (head) {
    http::response<http::empty_body> empty{res.result(), res.version()};
    for (const auto& field : res) empty.set(field.name_string(), field.value());
    empty.keep_alive(keep_alive);
    return http::message_generator(std::move(empty));
  }
  return http::message_generator(std::move(res));
}

http::message_generator error_response(unsigned version, bool keep_alive, bool head,
                                       http::status status, const Error& e) {
  Json fields = Json::array();
  for (const FieldError& f : e.fields) fields.push_back({{"field", f.field}, {"message", f.message}});
  return json_response(version, keep_alive, head, status,
                       {{"error",
                         {{"code", std::string(to_string(e.code))},
                          {"message", e.message},
                          {"fields", std::move(fields)}}}});
}

http::message_generator error_response(const Request& req, http::status status, const Error& e) {
  return error_response(req.version(), req.keep_alive(), req.method() == http::verb::head, status,
                        e);
}

http::message_generator not_found(const Request& req) {
  return error_response(req, http::status::not_found,
                        Error{ErrorCode::NotFound, "There is no such file.", {}});
}

// `filename` for old clients (ASCII, quotes and controls replaced) and `filename*` (RFC 5987)
// with the real name.
std::string content_disposition(bool inline_view, std::string_view name) {
  std::string ascii;
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : name) {
    ascii += (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') ? '_' : static_cast<char>(c);
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return std::string(inline_view ? "inline" : "attachment") + "; filename=\"" + ascii +
         "\"; filename*=UTF-8''" + encoded;
}

http::message_generator post_upload(FileAccess& files, const http::request<http::string_body>& req,
                                    const User& user) {
  auto stored = files.upload(user, std::string_view(req["X-File-Name"]),
                             std::string_view(req[http::field::content_type]), req.body(),
                             unix_now());
  if (auto* refusal = std::get_if<HttpRefusal>(&stored)) {
    return error_response(req, static_cast<http::status>(refusal->status), refusal->error);
  }
  const UploadRecord& u = std::get<UploadRecord>(stored);
  return json_response(req.version(), req.keep_alive(), false, http::status::created,
                       {{"upload_id", u.id},
                        {"size", u.size},
                        {"sha256", u.sha256},
                        {"content_type", u.content_type},
                        {"name", u.name}});
}

http::message_generator get_file(FileAccess& files, const http::request<http::string_body>& req,
                                 const User& user, std::string_view id) {
  std::optional<Download> found = files.open(user, id, req.method() == http::verb::get);
  if (!found) return not_found(req);
  auto set_headers = [&](auto& res) {
    res.set(http::field::server, kServerName);
    res.set(http::field::content_type, found->upload.content_type);
    res.set(http::field::content_disposition,
            content_disposition(shows_inline(found->upload.content_type), found->upload.name));
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Content-Security-Policy", kNoPagePolicy);
    // The bytes of an id never change, but who may see them can: a browser keeps them for the
    // user alone and asks again after an hour.
    res.set(http::field::cache_control, "private, max-age=3600");
    res.set(http::field::etag, "\"" + found->upload.sha256 + "\"");
    res.keep_alive(req.keep_alive());
  };
  if (req.method() == http::verb::head) {
    http::response<http::empty_body> res{http::status::ok, req.version()};
    set_headers(res);
    res.content_length(static_cast<uint64_t>(found->upload.size));
    return http::message_generator(std::move(res));
  }
  beast::error_code ec;
  http::file_body::value_type body;
  body.open(found->path.c_str(), beast::file_mode::scan, ec);
  if (ec) return not_found(req);
  const auto size = body.size();
  http::response<http::file_body> res{std::piecewise_construct, std::make_tuple(std::move(body)),
                                      std::make_tuple(http::status::ok, req.version())};
  set_headers(res);
  res.content_length(size);
  return http::message_generator(std::move(res));
}

}  // namespace

bool is_api_path(std::string_view path) { return path.starts_with("/api/"); }

bool is_upload_request(http::verb method, std::string_view path) {
  return method == http::verb::post && path_of(path) == "/api/uploads";
}

http::message_generator upload_too_large(unsigned version) {
  return error_response(version, false, false, http::status::payload_too_large,
                        Error{ErrorCode::TooLarge, "The file is larger than 25 MB.", {}});
}

http::message_generator handle_api(FileAccess* files,
                                   const http::request<http::string_body>& req) {
  const std::string_view path = path_of(req.target());
  if (files == nullptr) {
    return error_response(req, http::status::service_unavailable,
                          Error{ErrorCode::Unavailable, "File storage is not available.", {}});
  }
  const bool upload = path == "/api/uploads";
  const bool fetch = path.starts_with(kFilesPrefix);
  if (!upload && !fetch) return not_found(req);
  if ((upload && req.method() != http::verb::post) ||
      (fetch && req.method() != http::verb::get && req.method() != http::verb::head)) {
    return error_response(req, http::status::method_not_allowed,
                          Error{ErrorCode::BadFrame, "That method is not allowed here.", {}});
  }
  std::optional<User> user = files->authenticate(std::string_view(req[http::field::authorization]));
  if (!user) {
    return error_response(req, http::status::unauthorized,
                          Error{ErrorCode::Unauthenticated,
                                "Log in first: send Authorization: Bearer <session token>.", {}});
  }
  if (upload) return post_upload(*files, req, *user);
  return get_file(*files, req, *user, path.substr(kFilesPrefix.size()));
}

}  // namespace portal::server
