// Schema version 11: the e-mail outbox, invitations and the pending
// "new messages" digests of offline users.
#pragma once
#include <string_view>

namespace portal::server {

inline constexpr std::string_view kSchemaV11Mail = R"sql(
-- Written in the transaction of the command that causes the mail; the mailer thread delivers
-- pending rows and records each attempt, so a restart resumes where it stopped.
CREATE TABLE email_outbox (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL,
  to_addr         TEXT NOT NULL,
  to_name         TEXT NOT NULL DEFAULT '',
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT NOT NULL DEFAULT '',
  sent_at         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX email_outbox_due ON email_outbox(status, next_attempt_at);

-- Only a hash of the one-time token is kept. Single use: used_at is set when accepted.
CREATE TABLE invitations (
  id         TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  org_id     TEXT NOT NULL REFERENCES organisations(id),
  email      TEXT NOT NULL COLLATE NOCASE,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL,
  invited_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER NOT NULL DEFAULT 0,
  revoked_at INTEGER NOT NULL DEFAULT 0,
  user_id    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX invitations_org ON invitations(org_id, used_at, revoked_at, expires_at);

-- One row per user and conversation with messages the user has not seen while offline:
-- from_seq is the first message the digest covers, due_at when it is mailed (if still unread).
CREATE TABLE message_digests (
  user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  from_seq        INTEGER NOT NULL,
  due_at          INTEGER NOT NULL,
  PRIMARY KEY (user_id, conversation_id)
) WITHOUT ROWID;
CREATE INDEX message_digests_due ON message_digests(due_at);
)sql";

}  // namespace portal::server
