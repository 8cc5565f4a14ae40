#include "mail/smtp_client.h"

#include <cctype>
#include <istream>
#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include "mail/mail_message.h"

namespace portal::server {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

struct Reply {
  int code = 0;
  std::string text;  // every line, joined
};

// One SMTP conversation. Each step runs the io_context until it completes or the timeout
// passes; a timeout closes the socket, which ends the pending operation.
class Conversation {
 public:
  explicit Conversation(std::chrono::milliseconds timeout) : socket_(io_), timeout_(timeout) {}

  std::optional<std::string> connect(const std::string& host, uint16_t port) {
    boost::system::error_code ec;
    tcp::resolver resolver(io_);
    auto endpoints = resolver.resolve(host, std::to_string(port), ec);
    if (ec) return "cannot resolve " + host + ": " + ec.message();
    bool done = false;
    net::async_connect(socket_, endpoints, [&](const boost::system::error_code& e, const auto&) {
      ec = e;
      done = true;
    });
    if (!run(done)) return "timed out connecting to " + host + ":" + std::to_string(port);
    if (ec) return "cannot connect to " + host + ":" + std::to_string(port) + ": " + ec.message();
    return std::nullopt;
  }

  // The next reply: lines "250-..." continue, "250 ..." ends it.
  std::optional<Reply> read_reply(std::string& error) {
    Reply r;
    for (int lines = 0; lines < 100; ++lines) {
      boost::system::error_code ec;
      bool done = false;
      net::async_read_until(socket_, buffer_, "\r\n", [&](const boost::system::error_code& e,
                                                          size_t) {
        ec = e;
        done = true;
      });
      if (!run(done)) {
        error = "the relay did not answer in time";
        return std::nullopt;
      }
      if (ec) {
        error = "the relay closed the connection: " + ec.message();
        return std::nullopt;
      }
      std::istream in(&buffer_);
      std::string line;
      std::getline(in, line);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.size() < 3 || !std::isdigit(static_cast<unsigned char>(line[0]))) {
        error = "the relay answered something that is not SMTP: " + line.substr(0, 80);
        return std::nullopt;
      }
      r.code = std::stoi(line.substr(0, 3));
      if (!r.text.empty()) r.text += " / ";
      r.text += line;
      if (line.size() == 3 || line[3] != '-') return r;
    }
    error = "the relay's reply is too long";
    return std::nullopt;
  }

  std::optional<std::string> write(std::string_view data) {
    boost::system::error_code ec;
    bool done = false;
    net::async_write(socket_, net::buffer(data.data(), data.size()),
                     [&](const boost::system::error_code& e, size_t) {
                       ec = e;
                       done = true;
                     });
    if (!run(done)) return "timed out sending to the relay";
    if (ec) return "could not send to the relay: " + ec.message();
    return std::nullopt;
  }

 private:
  // Runs until `done` or the timeout; false on the timeout (the socket is then closed).
  bool run(bool& done) {
    io_.restart();
    io_.run_for(timeout_);
    if (done) return true;
    boost::system::error_code ignored;
    socket_.close(ignored);
    io_.restart();
    io_.run();  // lets the cancelled operation finish
    return false;
  }

  net::io_context io_;
  tcp::socket socket_;
  net::streambuf buffer_;
  std::chrono::milliseconds timeout_;
};

SmtpOutcome transient(std::string detail) { return {SmtpResult::Transient, std::move(detail)}; }

// The outcome of a reply that is not the expected `ok` class (2xx or 3xx).
SmtpOutcome refused(const char* step, const Reply& r) {
  const std::string detail = std::string(step) + ": " + r.text;
  if (r.code >= 500) return {SmtpResult::Permanent, detail};
  return transient(detail);
}

}  // namespace

SmtpOutcome smtp_send(const SmtpEnvelope& envelope, std::string_view message,
                      std::chrono::milliseconds step_timeout) {
  for (const std::string* addr : {&envelope.from, &envelope.to})
    if (addr->find_first_of("\r\n<> ") != std::string::npos || addr->empty())
      return {SmtpResult::Permanent, "the address \"" + addr->substr(0, 80) + "\" is not usable"};
  Conversation c(step_timeout);
  if (auto e = c.connect(envelope.host, envelope.port)) return transient(*e);
  std::string error;
  auto expect = [&](const char* step, int klass) -> std::optional<SmtpOutcome> {
    std::optional<Reply> r = c.read_reply(error);
    if (!r) return transient(std::string(step) + ": " + error);
    if (r->code / 100 != klass) return refused(step, *r);
    return std::nullopt;
  };
  auto say = [&](const std::string& line) -> std::optional<SmtpOutcome> {
    if (auto e = c.write(line + "\r\n")) return transient(*e);
    return std::nullopt;
  };
  if (auto o = expect("greeting", 2)) return *o;
  if (auto o = say("EHLO " + envelope.helo_name)) return *o;
  {
    std::optional<Reply> r = c.read_reply(error);
    if (!r) return transient("EHLO: " + error);
    if (r->code / 100 != 2) {
      // An old relay that knows only HELO.
      if (auto o = say("HELO " + envelope.helo_name)) return *o;
      if (auto o = expect("HELO", 2)) return *o;
    }
  }
  if (auto o = say("MAIL FROM:<" + envelope.from + ">")) return *o;
  if (auto o = expect("MAIL FROM", 2)) return *o;
  if (auto o = say("RCPT TO:<" + envelope.to + ">")) return *o;
  if (auto o = expect("RCPT TO", 2)) return *o;
  if (auto o = say("DATA")) return *o;
  if (auto o = expect("DATA", 3)) return *o;
  if (auto e = c.write(smtp_data(message))) return transient(*e);
  if (auto o = expect("end of data", 2)) return *o;
  // The mail is taken; a failing QUIT changes nothing.
  if (!say("QUIT")) {
    std::string ignored;
    c.read_reply(ignored);
  }
  return {SmtpResult::Sent, "250"};
}

}  // namespace portal::server
