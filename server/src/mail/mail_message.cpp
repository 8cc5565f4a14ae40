#include "mail/mail_message.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>

namespace portal::server {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view in) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += {kBase64[n >> 18], kBase64[(n >> 12) & 63], kBase64[(n >> 6) & 63], kBase64[n & 63]};
  }
  if (i + 1 == in.size()) {
    const uint32_t n = uint8_t(in[i]) << 16;
    out += {kBase64[n >> 18], kBase64[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += {kBase64[n >> 18], kBase64[(n >> 12) & 63], kBase64[(n >> 6) & 63], '='};
  }
  return out;
}

bool plain_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) return false;
  return true;
}

// Header values never carry line breaks (a header injection otherwise).
std::string one_line(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\r' || c == '\n') c = ' ';
  return out;
}

// "Name <addr>" with the name quoted or encoded as needed.
std::string mailbox(std::string_view name, std::string_view addr) {
  const std::string a = one_line(addr);
  if (name.empty()) return "<" + a + ">";
  const std::string n = one_line(name);
  if (!plain_ascii(n)) return header_text(n) + " <" + a + ">";
  std::string quoted = "\"";
  for (char c : n) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\" <" + a + ">";
}

std::string rfc5322_date(UnixTime t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
                tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string domain_of(std::string_view addr) {
  const size_t at = addr.rfind('@');
  return at == std::string_view::npos ? "portal.invalid" : std::string(addr.substr(at + 1));
}

}  // namespace

std::string header_text(std::string_view value) {
  const std::string v = one_line(value);
  if (plain_ascii(v)) return v;
  // Encoded words are at most 75 characters: split the UTF-8 text at character boundaries
  // into chunks of up to 45 bytes (60 base64 characters).
  std::string out;
  size_t start = 0;
  while (start < v.size()) {
    size_t end = std::min(v.size(), start + 45);
    while (end < v.size() && (static_cast<unsigned char>(v[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(std::string_view(v).substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string render_message(const OutboxMail& m, std::string_view from_addr) {
  std::string out;
  out += "From: " + mailbox("Partner Portal", from_addr) + "\r\n";
  out += "To: " + mailbox(m.to_name, m.to_addr) + "\r\n";
  out += "Subject: " + header_text(m.subject) + "\r\n";
  out += "Date: " + rfc5322_date(m.created_at) + "\r\n";
  out += "Message-ID: <" + m.id + "@" + domain_of(from_addr) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: 8bit\r\n";
  out += "X-Portal-Mail-Kind: " + one_line(m.kind) + "\r\n";
  out += "\r\n";
  for (size_t i = 0; i < m.body.size(); ++i) {
    const char c = m.body[i];
    if (c == '\r') continue;
    if (c == '\n')
      out += "\r\n";
    else
      out += c;
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out;
}

std::string smtp_data(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  bool line_start = true;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;  // the \n adds it
    if (line_start && c == '.') out += '.';
    if (c == '\n' || c == '\r') {
      out += "\r\n";
      line_start = true;
      continue;
    }
    out += c;
    line_start = false;
  }
  if (!line_start) out += "\r\n";
  out += ".\r\n";
  return out;
}

}  // namespace portal::server
