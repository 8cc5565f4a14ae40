// The mails the portal sends, as outbox rows: what they say and where their links point.
#pragma once
#include <string>

#include "store/mail_records.h"

namespace portal::server {

// What the application needs to know to write mails.
struct MailSettings {
  std::string public_url;    // "https://portal.example.com", no trailing slash
  UnixTime digest_delay = 600;  // an offline member's unread messages wait this long
};

// The invitation of `name` <`email`> into `org_name` by `inviter`, with the one-time link.
OutboxMail invitation_mail(const MailSettings& s, const std::string& email, const std::string& name,
                           const std::string& org_name, const std::string& inviter,
                           const std::string& token, UnixTime expires_at, UnixTime now);
// "3 new messages in Acme launch from Priya Shah", with a link to the conversation.
OutboxMail digest_mail(const MailSettings& s, const DueDigest& d, UnixTime now);

}  // namespace portal::server
