// The schema as numbered migrations, applied in order. A migration is never edited once it has
// shipped: a change is a new, higher-numbered migration.
#pragma once
#include <span>
#include <string_view>

namespace portal::server {

struct Migration {
  int version;
  std::string_view sql;
};

std::span<const Migration> migrations();
int latest_schema_version();

}  // namespace portal::server
