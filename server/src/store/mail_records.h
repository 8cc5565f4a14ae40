// What the store keeps for e-mail: the outbox rows the mailer delivers, invitations, and the
// pending "new messages" digests of offline users (schema_v11_mail.h).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "portal/model/entities.h"

namespace portal::server {

enum class MailStatus { Pending, Sent, Failed };

// One mail of the outbox. The mailer renders it as RFC 5322 text at delivery (mail_message.h).
struct OutboxMail {
  Id id;
  std::string kind;  // "invitation", "message_digest"
  std::string to_addr;
  std::string to_name;
  std::string subject;
  std::string body;  // plain text, lines separated by "\n"
  UnixTime created_at = 0;
  MailStatus status = MailStatus::Pending;
  int32_t attempts = 0;
  UnixTime next_attempt_at = 0;
  std::string last_error;
  UnixTime sent_at = 0;
};

// An offline member of a conversation that got a message: a digest row is written (unless one
// is pending already) in the message's transaction.
struct PendingDigest {
  Id user_id;
  Id conversation_id;
  int64_t from_seq = 0;
  UnixTime due_at = 0;
};

// A digest whose time has come, with what the mail says. `unread` counts the messages from
// from_seq on that the user has not read and did not write (0: they read them meanwhile).
struct DueDigest {
  Id user_id;
  std::string email;
  std::string user_name;
  Id conversation_id;
  std::string conversation_title;  // "" for a direct conversation
  int32_t unread = 0;
  int64_t last_seq = 0;              // the newest message the digest covers
  std::vector<std::string> senders;  // names, first sender first
};

struct InvitationRecord {
  Id id;
  Id org_id;
  std::string email;
  std::string name;
  Role role = Role::PartnerUser;
  Id invited_by;
  UnixTime created_at = 0;
  UnixTime expires_at = 0;
  UnixTime used_at = 0;
  UnixTime revoked_at = 0;
};

// What invitation.create / invitation.revoke write.
struct InvitationChange {
  std::optional<InvitationRecord> created;
  std::string token_hash;  // of `created`
  std::optional<Id> revoked;
};

// The seats of an organisation at a moment: granted, taken by users, held by open invitations.
struct SeatUse {
  int64_t seats = 0;
  int64_t users = 0;
  int64_t pending_invitations = 0;
};

enum class InvitationStatus { Open, Unknown, Used, Revoked, Expired };

}  // namespace portal::server
