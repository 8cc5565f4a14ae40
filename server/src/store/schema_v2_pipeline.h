// Schema version 2: what the Leads and Deals rooms need beyond the skeleton's tables. Leads
// get the prospect's website, their last change, when they closed and the deal they became;
// deals get their description, lead, when they were won and created; deal notes get a table.
// Rows seeded through the version-1 columns keep 0 in the new times: readers fall back to
// created_at / updated_at for them.
#pragma once
#include <string_view>

namespace portal::server {

inline constexpr std::string_view kSchemaV2Pipeline = R"sql(
ALTER TABLE leads ADD COLUMN website    TEXT    NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN closed_at  INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN deal_id    TEXT    NOT NULL DEFAULT '';

ALTER TABLE deals ADD COLUMN notes      TEXT    NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN lead_id    TEXT    NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN won_at     INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deals ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;

CREATE TABLE deal_notes (
  id          TEXT PRIMARY KEY,
  deal_id     TEXT NOT NULL REFERENCES deals(id),
  author_id   TEXT NOT NULL,
  author_name TEXT NOT NULL,
  body        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX deal_notes_deal ON deal_notes(deal_id, created_at);
)sql";

}  // namespace portal::server
