#include "support/ws_client.h"

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

namespace portal::testing {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct WsClient::Impl {
  net::io_context ioc;
  // Keeps the I/O thread running while reading is paused (no read pending, nothing to do).
  net::executor_work_guard<net::io_context::executor_type> work = net::make_work_guard(ioc);
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buffer;
  std::thread thread;

  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::string> frames;
  bool closed = false;
  int close_code = 0;
  // On the I/O thread only:
  bool reading = false;
  bool paused = false;

  void read_loop() {
    reading = true;
    ws.async_read(buffer, [this](beast::error_code ec, std::size_t) {
      reading = false;
      std::lock_guard lock(mutex);
      if (ec) {
        closed = true;
        close_code = ws.reason().code;
        changed.notify_all();
        return;
      }
      frames.push_back(beast::buffers_to_string(buffer.data()));
      buffer.consume(buffer.size());
      changed.notify_all();
      if (!paused) read_loop();
    });
  }

  // Runs `fn` on the I/O thread and waits for it.
  template <typename Fn>
  void on_io_thread(Fn fn) {
    std::promise<void> done;
    net::post(ioc, [&] {
      fn();
      done.set_value();
    });
    done.get_future().get();
  }

  void write(const std::string& data, bool text) {
    std::promise<beast::error_code> done;
    net::post(ioc, [&] {
      ws.text(text);
      ws.async_write(net::buffer(data),
                     [&](beast::error_code ec, std::size_t) { done.set_value(ec); });
    });
    auto ec = done.get_future().get();
    if (ec) throw std::runtime_error("websocket write failed: " + ec.message());
  }
};

WsClient::WsClient(uint16_t port, const std::string& origin, const std::string& from)
    : impl_(std::make_unique<Impl>()) {
  tcp::resolver resolver(impl_->ioc);
  auto& layer = beast::get_lowest_layer(impl_->ws);
  layer.expires_after(std::chrono::seconds(5));
  if (from.empty()) {
    layer.connect(resolver.resolve("127.0.0.1", std::to_string(port)));
  } else {
    // Any 127.x.y.z is this machine: bind the source, then connect to the server as usual.
    tcp::socket& socket = layer.socket();
    socket.open(tcp::v4());
    socket.bind(tcp::endpoint(net::ip::make_address(from), 0));
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  }
  layer.expires_never();
  impl_->ws.set_option(websocket::stream_base::decorator([origin](websocket::request_type& req) {
    if (!origin.empty()) req.set(beast::http::field::origin, origin);
  }));
  impl_->ws.read_message_max(16 * 1024 * 1024);
  websocket::response_type res;
  beast::error_code ec;
  impl_->ws.handshake(res, "127.0.0.1:" + std::to_string(port), "/ws", ec);
  if (ec) {
    throw std::runtime_error("websocket handshake failed (HTTP " +
                             std::to_string(res.result_int()) + "): " + ec.message());
  }
  impl_->read_loop();
  impl_->thread = std::thread([this] { impl_->ioc.run(); });
}

WsClient::~WsClient() {
  net::post(impl_->ioc, [this] {
    beast::error_code ignored;
    beast::get_lowest_layer(impl_->ws).socket().close(ignored);
  });
  impl_->work.reset();
  impl_->thread.join();
}

void WsClient::send_text(const std::string& text) { impl_->write(text, true); }

void WsClient::send_binary(const std::string& bytes) { impl_->write(bytes, false); }

void WsClient::pause_reading() {
  impl_->on_io_thread([this] { impl_->paused = true; });
}

void WsClient::resume_reading() {
  impl_->on_io_thread([this] {
    impl_->paused = false;
    std::lock_guard lock(impl_->mutex);
    if (!impl_->reading && !impl_->closed) impl_->read_loop();
  });
}

std::optional<Json> WsClient::next(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex);
  impl_->changed.wait_for(lock, timeout, [&] { return !impl_->frames.empty() || impl_->closed; });
  if (impl_->frames.empty()) return std::nullopt;
  std::string text = std::move(impl_->frames.front());
  impl_->frames.pop_front();
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    ADD_FAILURE() << "server sent a frame that is not JSON: " << text;
    return std::nullopt;
  }
  return j;
}

Json WsClient::expect(std::chrono::milliseconds timeout) {
  auto j = next(timeout);
  if (!j) {
    ADD_FAILURE() << "expected a frame from the server, got none";
    return Json::object();
  }
  return *j;
}

std::optional<int> WsClient::wait_closed(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex);
  if (!impl_->changed.wait_for(lock, timeout, [&] { return impl_->closed; })) return std::nullopt;
  return impl_->close_code;
}

}  // namespace portal::testing
