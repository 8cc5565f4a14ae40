// Schema version 14: indexes for a new message's fan-out, which reads who is in the
// conversation on every send. A channel is seen by every user of its partner: (org_id, id)
// answers "the ids of the partner's users" from the index alone, where (org_id) needed a table
// lookup per user. A conversation's members are listed in the order they joined: an index in
// that order spares a sort per read. Indexes only; no row changes.
#pragma once
#include <string_view>

namespace portal::server {

inline constexpr std::string_view kSchemaV14FanoutIndexes = R"sql(
CREATE INDEX users_org_id ON users(org_id, id);
DROP INDEX users_org;
CREATE INDEX conversation_members_joined ON conversation_members(conversation_id, added_at, user_id);
)sql";

}  // namespace portal::server
