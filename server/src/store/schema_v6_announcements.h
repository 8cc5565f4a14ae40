// Schema version 6: what the completed Overview needs. Announcements posted by vendor staff
// (audience '' = every partner, else one partner organisation); each user's visits, for "since
// your last visit"; and program-wide settings such as whether the leaderboard names partners.
#pragma once
#include <string_view>

namespace portal::server {

inline constexpr std::string_view kSchemaV6Announcements = R"sql(
CREATE TABLE announcements (
  id           TEXT PRIMARY KEY,
  title        TEXT NOT NULL,
  body         TEXT NOT NULL,
  audience_org TEXT NOT NULL DEFAULT '',
  author_id    TEXT NOT NULL,
  author_name  TEXT NOT NULL,
  posted_at    INTEGER NOT NULL
);
CREATE INDEX announcements_posted ON announcements(posted_at);

-- last_seen_at: when the user was last connected (log-in, log-out, last connection closed).
-- visit_since: the last_seen_at found when the current visit began, what "since your last
-- visit" lists changes after (0 on a first visit).
CREATE TABLE user_visits (
  user_id      TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  last_seen_at INTEGER NOT NULL,
  visit_since  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE program_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO program_settings (key, value) VALUES ('leaderboard_names', 'anonymised');

CREATE INDEX deals_won_at ON deals(won_at);
)sql";

}  // namespace portal::server
