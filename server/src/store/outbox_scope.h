// The mails and message digests a command causes, written by the store in the command's own
// transaction (SqliteStore::run_command), like the audit row of audit_scope.h: a rolled-back or
// replayed command sends nothing, an acknowledged one cannot lose its mail. The application
// opens a scope around every command (portal_service.cpp); planners add to the current one. A
// command runs start to finish on one worker thread, so the thread-local scope cannot leak.
#pragma once
#include <vector>

#include "store/mail_records.h"

namespace portal::server {

class OutboxScope {
 public:
  OutboxScope();
  ~OutboxScope();
  OutboxScope(const OutboxScope&) = delete;
  OutboxScope& operator=(const OutboxScope&) = delete;

  // The innermost open scope of this thread, or nullptr.
  static OutboxScope* current();
  // Adds to the current scope; without an open scope the mail would be lost, so that is a
  // programmer error.
  static void add_mail(OutboxMail mail);
  static void add_digest(PendingDigest digest);

  // What the scope holds, emptied (the store takes it once per transaction).
  std::vector<OutboxMail> take_mails() { return std::move(mails_); }
  std::vector<PendingDigest> take_digests() { return std::move(digests_); }

 private:
  std::vector<OutboxMail> mails_;
  std::vector<PendingDigest> digests_;
  OutboxScope* previous_;
};

}  // namespace portal::server
