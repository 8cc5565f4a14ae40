// A plain SMTP client (RFC 5321) on Boost.Asio for the mailer thread: EHLO (HELO when refused),
// MAIL FROM, RCPT TO, DATA, QUIT, each step under a timeout. No TLS and no AUTH: it hands mail
// to a relay on a trusted network (a local MTA), which does the rest.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace portal::server {

enum class SmtpResult {
  Sent,       // the relay took the mail (250 after DATA)
  Transient,  // a 4xx reply, or no connection / a timeout: try again later
  Permanent,  // a 5xx reply: the relay will never take it
};

struct SmtpOutcome {
  SmtpResult result = SmtpResult::Transient;
  std::string detail;  // the relay's reply or the network error, for the outbox row
};

struct SmtpEnvelope {
  std::string host;
  uint16_t port = 25;
  std::string helo_name = "localhost";
  std::string from;
  std::string to;
};

// Delivers one mail; `message` is RFC 5322 text (mail_message.h), dot-stuffed here. Blocks for
// at most about `step_timeout` per protocol step.
SmtpOutcome smtp_send(const SmtpEnvelope& envelope, std::string_view message,
                      std::chrono::milliseconds step_timeout = std::chrono::seconds(30));

}  // namespace portal::server
