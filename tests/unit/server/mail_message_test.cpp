// The mail's text as it goes over SMTP or into an .eml file: CRLF line endings, dot-stuffing,
// encoded headers, no header injection; and the mailer's back-off.
#include <gtest/gtest.h>

#include "mail/mail_message.h"
#include "mail/mailer.h"

namespace portal::server {
namespace {

TEST(MailMessage, DataIsDotStuffedWithCrlfAndTheEndMarker) {
  EXPECT_EQ(smtp_data("a\nb"), "a\r\nb\r\n.\r\n");
  EXPECT_EQ(smtp_data("a\r\n.b\r\n..\r\n"), "a\r\n..b\r\n...\r\n.\r\n");
  EXPECT_EQ(smtp_data(".\n"), "..\r\n.\r\n");   // a lone dot line does not end the mail
  EXPECT_EQ(smtp_data("x\ry"), "x\r\ny\r\n.\r\n");  // a bare CR is a line end too
  EXPECT_EQ(smtp_data(""), ".\r\n");
}

TEST(MailMessage, HeadersAreEncodedAndCannotBeInjected) {
  EXPECT_EQ(header_text("Plain subject"), "Plain subject");
  EXPECT_EQ(header_text("\xc3\x89va"), "=?UTF-8?B?w4l2YQ==?=");
  EXPECT_EQ(header_text("a\r\nBcc: x@y"), "a  Bcc: x@y");
  // Long non-ASCII text is split into encoded words of at most 75 characters.
  const std::string long_text = std::string(60, 'a') + "\xc3\x97" + std::string(60, 'b');
  const std::string h = header_text(long_text);
  for (size_t start = 0; start < h.size();) {
    size_t end = h.find("\r\n ", start);
    if (end == std::string::npos) end = h.size();
    EXPECT_LE(end - start, 75u) << h;
    start = end + 3;
  }

  OutboxMail m;
  m.id = "m1";
  m.kind = "invitation";
  m.to_addr = "nina@acme.example";
  m.to_name = "Nina \"N\" Invited";
  m.subject = "Hi\r\nBcc: evil@example.com";
  m.body = "line 1\n.line 2\n";
  m.created_at = 1772323200;  // 2026-03-01 00:00:00 UTC
  const std::string text = render_message(m, "portal@northwind.example");
  EXPECT_NE(text.find("To: \"Nina \\\"N\\\" Invited\" <nina@acme.example>\r\n"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("\r\nBcc:"), std::string::npos) << text;
  EXPECT_NE(text.find("Date: Sun, 01 Mar 2026 00:00:00 +0000\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Message-ID: <m1@northwind.example>\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\r\n\r\nline 1\r\n.line 2\r\n"), std::string::npos) << text;
}

TEST(Mailer, BackOffDoublesUpToAnHour) {
  EXPECT_EQ(Mailer::backoff_seconds(1), 1);
  EXPECT_EQ(Mailer::backoff_seconds(2), 2);
  EXPECT_EQ(Mailer::backoff_seconds(3), 4);
  EXPECT_EQ(Mailer::backoff_seconds(12), 2048);
  EXPECT_EQ(Mailer::backoff_seconds(13), 3600);
  EXPECT_EQ(Mailer::backoff_seconds(40), 3600);
}

}  // namespace
}  // namespace portal::server
