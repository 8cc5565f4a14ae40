// Hands an upgraded HTTP connection to a new WebSocket session. Declared apart from the
// session class so the HTTP code does not compile Beast's WebSocket headers.
#pragma once
#include <memory>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace portal::server {

class SharedState;

void start_websocket_session(boost::asio::ip::tcp::socket&& socket,
                             boost::beast::http::request<boost::beast::http::string_body>&& req,
                             std::shared_ptr<SharedState> state);

}  // namespace portal::server
