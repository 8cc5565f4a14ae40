// Who is running which command on this thread, for the audit trail. The application opens a
// scope around a vendor staff member's command (portal_service.cpp); SqliteStore::run_command
// then writes one audit row in the command's own transaction, derived from the command's events
// and result. This way no command file has to build its audit entry by hand, and a new command
// is audited the day it is added. A command that changes no room (an invitation) cannot be
// described by its events: it opens its own scope, for whoever runs it, naming the organisation
// and saying what happened in `summary`. A command runs start to finish on one worker thread, so
// a thread-local scope cannot leak into another user's command.
#pragma once
#include <string>

#include "portal/model/entities.h"

namespace portal::server {

struct AuditContext {
  Id actor_id;
  Id actor_org_id;
  std::string action;  // the command type: "lead.set_stage"
  // Set by a command whose events do not tell what it did: the row is written even without
  // events, with this organisation and summary.
  Id target_org;
  std::string summary;
};

class AuditScope {
 public:
  explicit AuditScope(AuditContext context);
  ~AuditScope();
  AuditScope(const AuditScope&) = delete;
  AuditScope& operator=(const AuditScope&) = delete;

  // The innermost open scope of this thread, or nullptr.
  static const AuditContext* current();

 private:
  AuditContext context_;
  const AuditContext* previous_;
};

}  // namespace portal::server
