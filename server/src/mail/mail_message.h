// A mail of the outbox as RFC 5322 text (CRLF line endings, UTF-8 body, encoded-word headers),
// and the SMTP DATA form of such text (dot-stuffed, ending in CRLF . CRLF).
#pragma once
#include <string>
#include <string_view>

#include "store/mail_records.h"

namespace portal::server {

// Headers (From, To, Subject, Date, Message-ID, MIME) and the body with CRLF line endings.
std::string render_message(const OutboxMail& m, std::string_view from_addr);
// `text` with every line ending as CRLF, lines starting with "." doubled, and the terminating
// "." line appended (RFC 5321 4.5.2).
std::string smtp_data(std::string_view text);
// A header value: plain when printable ASCII, else an RFC 2047 "=?UTF-8?B?...?=" encoded word.
std::string header_text(std::string_view value);

}  // namespace portal::server
