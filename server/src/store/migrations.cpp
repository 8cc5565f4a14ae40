#include "store/migrations.h"

#include <array>

#include "store/schema_v10_admin.h"
#include "store/schema_v11_mail.h"
#include "store/schema_v12_lead_keys.h"
#include "store/schema_v13_commission.h"
#include "store/schema_v14_fanout_indexes.h"
#include "store/schema_v15_search_catchup.h"
#include "store/schema_v16_command_types.h"
#include "store/schema_v2_pipeline.h"
#include "store/schema_v3_accounts.h"
#include "store/schema_v4_program.h"
#include "store/schema_v5_messages.h"
#include "store/schema_v6_announcements.h"
#include "store/schema_v7_files.h"
#include "store/schema_v8_content.h"
#include "store/schema_v9_projects.h"

namespace portal::server {
namespace {

constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE organisations (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('vendor', 'partner')),
  tier             TEXT NOT NULL DEFAULT '',
  revenue_share_bp INTEGER NOT NULL DEFAULT 0,
  currency         TEXT NOT NULL DEFAULT 'EUR',
  licences         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES organisations(id),
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);
CREATE INDEX users_org ON users(org_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE leads (
  id          TEXT PRIMARY KEY,
  org_id      TEXT NOT NULL REFERENCES organisations(id),
  company     TEXT NOT NULL,
  contact     TEXT NOT NULL,
  email       TEXT NOT NULL,
  phone       TEXT NOT NULL DEFAULT '',
  notes       TEXT NOT NULL DEFAULT '',
  value_minor INTEGER NOT NULL,
  currency    TEXT NOT NULL,
  stage       TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX leads_org_created ON leads(org_id, created_at);

CREATE TABLE deals (
  id              TEXT PRIMARY KEY,
  org_id          TEXT NOT NULL REFERENCES organisations(id),
  name            TEXT NOT NULL,
  customer        TEXT NOT NULL,
  stage           TEXT NOT NULL,
  value_minor     INTEGER NOT NULL,
  currency        TEXT NOT NULL,
  commission_paid INTEGER NOT NULL DEFAULT 0,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX deals_org ON deals(org_id);

CREATE TABLE events (
  room TEXT NOT NULL,
  seq  INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  at   INTEGER NOT NULL,
  PRIMARY KEY (room, seq)
) WITHOUT ROWID;

CREATE TABLE commands (
  user_id    TEXT NOT NULL,
  command_id TEXT NOT NULL,
  result     TEXT NOT NULL,
  at         INTEGER NOT NULL,
  PRIMARY KEY (user_id, command_id)
) WITHOUT ROWID;
)sql";

// std::to_array sizes the list itself: a new migration is one added line.
constexpr auto kMigrations = std::to_array<Migration>({
    {1, kInitialSchema},
    {2, kSchemaV2Pipeline},
    {3, kSchemaV3Accounts},
    {4, kSchemaV4Program},
    {5, kSchemaV5Messages},
    {6, kSchemaV6Announcements},
    {7, kSchemaV7Files},
    {8, kSchemaV8Content},
    {9, kSchemaV9Projects},
    {10, kSchemaV10Admin},
    {11, kSchemaV11Mail},
    {12, kSchemaV12LeadKeys},
    {13, kSchemaV13Commission},
    {14, kSchemaV14FanoutIndexes},
    {15, kSchemaV15SearchCatchup},
    {16, kSchemaV16CommandTypes},
});

// Versions are 1, 2, 3, ... in list order: a merge that reorders or skips one fails the build
// instead of letting user_version go backwards on an upgraded database.
constexpr bool versions_are_consecutive() {
  for (size_t i = 0; i < kMigrations.size(); ++i)
    if (kMigrations[i].version != static_cast<int>(i) + 1) return false;
  return true;
}
static_assert(versions_are_consecutive(), "migrations must be numbered 1, 2, 3, ... in order");

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

}  // namespace portal::server
