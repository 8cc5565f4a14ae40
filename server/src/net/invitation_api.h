// The invitee's HTTP endpoints (no session yet; see portal/protocol/invitation_commands.h):
//   GET  /api/invitations/<token>  -> 200 {"org_name", "email"}, 404 or 410
//   POST /api/invitations/accept   {"token", "password", "name"} -> 201 a session, 400/404/409/410
// The handler blocks (SQLite, argon2): http_session runs it on the worker pool.
#pragma once
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/message_generator.hpp>
#include <boost/beast/http/string_body.hpp>

namespace portal::server {

class PortalService;

bool is_invitation_path(std::string_view path);
boost::beast::http::message_generator handle_invitation_api(
    PortalService& service, const boost::beast::http::request<boost::beast::http::string_body>& req);

}  // namespace portal::server
