// Schema version 4: the partner program. Partner types and their levels (each level's KPI
// thresholds as JSON), parameter categories, partnerships (at most one per partner
// organisation) with the history of their parameters, the training catalogue, certifications,
// each user's progress and earned certifications, the MDF ledger (integer minor units, always
// positive, the direction signs it) and marketing activities.
#pragma once
#include <string_view>

namespace portal::server {

inline constexpr std::string_view kSchemaV4Program = R"sql(
CREATE TABLE partner_types (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE partner_levels (
  id               TEXT PRIMARY KEY,
  type_id          TEXT NOT NULL REFERENCES partner_types(id),
  name             TEXT NOT NULL,
  rank             INTEGER NOT NULL,
  revenue_share_bp INTEGER NOT NULL CHECK (revenue_share_bp BETWEEN 0 AND 10000),
  mdf_accrual_bp   INTEGER NOT NULL CHECK (mdf_accrual_bp BETWEEN 0 AND 10000),
  requirements     TEXT NOT NULL DEFAULT '[]',
  UNIQUE (type_id, name),
  UNIQUE (type_id, rank)
);

CREATE TABLE parameter_categories (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  kpis        TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE partnerships (
  id                 TEXT PRIMARY KEY,
  org_id             TEXT NOT NULL UNIQUE REFERENCES organisations(id),
  type_id            TEXT NOT NULL REFERENCES partner_types(id),
  level              TEXT NOT NULL DEFAULT '',
  status             TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'ended')),
  revenue_share_bp   INTEGER NOT NULL,
  mdf_accrual_bp     INTEGER NOT NULL,
  payment_terms_days INTEGER NOT NULL,
  notes              TEXT NOT NULL DEFAULT '',
  rooms              TEXT NOT NULL DEFAULT '[]',
  manager_id         TEXT NOT NULL DEFAULT '',
  price_list_id      TEXT NOT NULL DEFAULT '',
  started_at         INTEGER NOT NULL,
  ends_at            INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE partnership_changes (
  id             TEXT PRIMARY KEY,
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  parameter      TEXT NOT NULL,
  old_value      TEXT NOT NULL,
  new_value      TEXT NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  effective_from INTEGER NOT NULL,
  changed_by     TEXT NOT NULL DEFAULT '',
  changed_at     INTEGER NOT NULL
);
CREATE INDEX partnership_changes_by_partnership
  ON partnership_changes(partnership_id, effective_from);

CREATE TABLE trainings (
  id               TEXT PRIMARY KEY,
  title            TEXT NOT NULL,
  description      TEXT NOT NULL DEFAULT '',
  format           TEXT NOT NULL,
  modules          INTEGER NOT NULL CHECK (modules >= 1),
  duration_minutes INTEGER NOT NULL DEFAULT 0,
  file_id          TEXT NOT NULL DEFAULT ''
);

CREATE TABLE certifications (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  training_ids  TEXT NOT NULL DEFAULT '[]',
  validity_days INTEGER NOT NULL DEFAULT 365
);

CREATE TABLE training_progress (
  user_id           TEXT NOT NULL REFERENCES users(id),
  training_id       TEXT NOT NULL REFERENCES trainings(id),
  completed_modules INTEGER NOT NULL CHECK (completed_modules >= 0),
  started_at        INTEGER NOT NULL,
  completed_at      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, training_id)
) WITHOUT ROWID;

CREATE TABLE user_certifications (
  id               TEXT PRIMARY KEY,
  user_id          TEXT NOT NULL REFERENCES users(id),
  org_id           TEXT NOT NULL REFERENCES organisations(id),
  certification_id TEXT NOT NULL REFERENCES certifications(id),
  earned_at        INTEGER NOT NULL,
  expires_at       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX user_certifications_org ON user_certifications(org_id);

CREATE TABLE mdf_entries (
  id           TEXT PRIMARY KEY,
  org_id       TEXT NOT NULL REFERENCES organisations(id),
  direction    TEXT NOT NULL CHECK (direction IN ('credit', 'debit')),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency     TEXT NOT NULL,
  description  TEXT NOT NULL,
  activity_id  TEXT NOT NULL DEFAULT '',
  booked_by    TEXT NOT NULL DEFAULT '',
  booked_at    INTEGER NOT NULL
);
CREATE INDEX mdf_entries_org ON mdf_entries(org_id, booked_at);

CREATE TABLE marketing_activities (
  id               TEXT PRIMARY KEY,
  org_id           TEXT NOT NULL REFERENCES organisations(id),
  title            TEXT NOT NULL,
  description      TEXT NOT NULL DEFAULT '',
  kind             TEXT NOT NULL,
  status           TEXT NOT NULL,
  starts_at        INTEGER NOT NULL,
  ends_at          INTEGER NOT NULL DEFAULT 0,
  budget_minor     INTEGER NOT NULL DEFAULT 0,
  budget_currency  TEXT NOT NULL,
  mdf_minor        INTEGER NOT NULL DEFAULT 0,
  mdf_currency     TEXT NOT NULL,
  leads_generated  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX marketing_activities_org ON marketing_activities(org_id, starts_at);
)sql";

}  // namespace portal::server
