// Schema version 3: the Customer accounts room. A partner's customer accounts (name, web
// domain, lifetime revenue, when it was registered, so "new accounts onboarded this quarter"
// can be counted), their commitment plans (what the success metrics are computed from) and the
// tasks a partner ticks off per account.
#pragma once
#include <string_view>

namespace portal::server {

inline constexpr std::string_view kSchemaV3Accounts = R"sql(
CREATE TABLE customer_accounts (
  id                     TEXT PRIMARY KEY,
  org_id                 TEXT NOT NULL REFERENCES organisations(id),
  name                   TEXT NOT NULL COLLATE NOCASE,
  website                TEXT NOT NULL DEFAULT '',
  lifetime_revenue_minor INTEGER NOT NULL DEFAULT 0,
  currency               TEXT NOT NULL,
  created_by             TEXT NOT NULL DEFAULT '',
  created_at             INTEGER NOT NULL
);
CREATE INDEX customer_accounts_org ON customer_accounts(org_id, name);
CREATE INDEX customer_accounts_created ON customer_accounts(created_at);

CREATE TABLE commitment_plans (
  id            TEXT PRIMARY KEY,
  account_id    TEXT NOT NULL REFERENCES customer_accounts(id),
  position      INTEGER NOT NULL,
  name          TEXT NOT NULL DEFAULT '',
  value_minor   INTEGER NOT NULL,
  currency      TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('executed', 'executable', 'expired_unexecuted')),
  via_cppo      INTEGER NOT NULL DEFAULT 0,
  cppo_eligible INTEGER NOT NULL DEFAULT 0,
  expires_at    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX commitment_plans_account ON commitment_plans(account_id, position);

CREATE TABLE account_tasks (
  id           TEXT PRIMARY KEY,
  account_id   TEXT NOT NULL REFERENCES customer_accounts(id),
  kind         TEXT NOT NULL,
  title        TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  assignee_id  TEXT NOT NULL DEFAULT '',
  due_at       INTEGER NOT NULL DEFAULT 0,
  completed_at INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL
);
CREATE INDEX account_tasks_account ON account_tasks(account_id, created_at);
)sql";

}  // namespace portal::server
