#include "app/mail_text.h"

#include <ctime>

#include "auth/tokens.h"

namespace portal::server {
namespace {

std::string day_of(UnixTime t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%d %B %Y", &tm);
  return buf;
}

}  // namespace

OutboxMail invitation_mail(const MailSettings& s, const std::string& email, const std::string& name,
                           const std::string& org_name, const std::string& inviter,
                           const std::string& token, UnixTime expires_at, UnixTime now) {
  OutboxMail m;
  m.id = new_id();
  m.kind = "invitation";
  m.to_addr = email;
  m.to_name = name;
  m.created_at = now;
  m.subject = "You are invited to the Partner Portal of " + org_name;
  m.body = "Hello " + name + ",\n\n" + inviter + " invited you to join " + org_name +
           " on the Partner Portal.\n\nOpen this link to set your password and log in:\n\n" +
           s.public_url + "/#/invite/" + token +
           "\n\nThe link works once and until " + day_of(expires_at) +
           " (UTC). If you did not expect this mail, you can ignore it.\n";
  return m;
}

OutboxMail digest_mail(const MailSettings& s, const DueDigest& d, UnixTime now) {
  OutboxMail m;
  m.id = new_id();
  m.kind = "message_digest";
  m.to_addr = d.email;
  m.to_name = d.user_name;
  m.created_at = now;
  std::string from;
  for (size_t i = 0; i < d.senders.size() && i < 3; ++i)
    from += (i == 0 ? "" : i + 1 == d.senders.size() ? " and " : ", ") + d.senders[i];
  if (d.senders.size() > 3) from += " and others";
  const std::string where =
      d.conversation_title.empty() ? "your direct conversation" : d.conversation_title;
  const std::string count = std::to_string(d.unread) +
                            (d.unread == 1 ? " new message" : " new messages");
  m.subject = count + " in " + where + " from " + from;
  m.body = "Hello " + d.user_name + ",\n\n" + count + " in " + where + " from " + from +
           " waiting for you on the Partner Portal.\n\nRead and answer them here:\n\n" +
           s.public_url + "/#/messages/" + d.conversation_id +
           "\n\nYou get this mail because you were offline when they arrived.\n";
  return m;
}

}  // namespace portal::server
