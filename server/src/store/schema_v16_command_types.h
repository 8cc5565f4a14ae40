// Schema version 16: a command's type is recorded beside its id, so that an id reused for
// another command is refused as a conflict instead of replaying the first command's answer (the
// client was told a command was applied when nothing was). Older rows keep an empty type.
#pragma once
#include <string_view>

namespace portal::server {

inline constexpr std::string_view kSchemaV16CommandTypes = R"sql(
ALTER TABLE commands ADD COLUMN type TEXT NOT NULL DEFAULT '';
)sql";

}  // namespace portal::server
