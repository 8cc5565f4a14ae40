// The HTTP file endpoints:
//   POST /api/uploads        body = the file; Authorization: Bearer <session token>,
//                            Content-Type, X-File-Name (URL-encoded) -> 201 {upload_id, ...}
//   GET|HEAD /api/files/<id> the bytes, to a user allowed to see them; 404 to anyone else.
// Errors are JSON {"error": {"code", "message", "fields"}}. The handler blocks (SQLite, fsync):
// http_session runs it on the worker pool.
#pragma once
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/message_generator.hpp>
#include <boost/beast/http/string_body.hpp>

namespace portal::server {

class FileAccess;

// Requests under /api/ go to handle_api.
bool is_api_path(std::string_view path);
// Is this the upload endpoint? Its body limit is the upload limit, not the default 64 KiB.
bool is_upload_request(boost::beast::http::verb method, std::string_view path);

// The response to one API request. `files` may be null (a server without file storage): every
// request then gets 503.
boost::beast::http::message_generator handle_api(
    FileAccess* files, const boost::beast::http::request<boost::beast::http::string_body>& req);

// The 413 answer to an upload refused before its body was read.
boost::beast::http::message_generator upload_too_large(unsigned version);

}  // namespace portal::server
