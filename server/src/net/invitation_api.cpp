#include "net/invitation_api.h"

#include "app/portal_service.h"

namespace portal::server {
namespace {

namespace http = boost::beast::http;
constexpr std::string_view kPrefix = "/api/invitations";

http::message_generator answer(const http::request<http::string_body>& req, const HttpAnswer& a) {
  http::response<http::string_body> res{static_cast<http::status>(a.status), req.version()};
  res.set(http::field::server, "partner-portal");
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  // The token is in the path: do not hand it to another site through a Referer.
  res.set("Referrer-Policy", "no-referrer");
  res.keep_alive(req.keep_alive());
  res.body() = a.body.dump(-1, ' ', false, Json::error_handler_t::replace);
  res.prepare_payload();
  return http::message_generator(std::move(res));
}

HttpAnswer error(int status, const char* code, const char* message) {
  return {status, {{"error", {{"code", code}, {"message", message}, {"fields", Json::array()}}}}};
}

}  // namespace

bool is_invitation_path(std::string_view path) {
  return path == kPrefix || path.starts_with(std::string(kPrefix) + "/");
}

http::message_generator handle_invitation_api(PortalService& service,
                                              const http::request<http::string_body>& req) {
  std::string_view target = req.target();
  const std::string_view path = target.substr(0, target.find_first_of("?#"));
  if (path == "/api/invitations/accept") {
    if (req.method() != http::verb::post)
      return answer(req, error(405, "bad_frame", "That method is not allowed here."));
    return answer(req, service.accept_invitation(req.body()));
  }
  if (req.method() != http::verb::get)
    return answer(req, error(405, "bad_frame", "That method is not allowed here."));
  const std::string_view token =
      path.size() > kPrefix.size() + 1 ? path.substr(kPrefix.size() + 1) : std::string_view();
  return answer(req, service.invitation_preview(token));
}

}  // namespace portal::server
