// Reads the "content" part of the demo file (assets/demo/demo.json): resources and brand assets
// with their audience ("all", {"type": type name} or {"partner": org key}), contacts, custom
// rooms, support cases with comments, and knowledge-base articles. Rows name organisations by
// their demo key and users by e-mail.
#pragma once
#include <map>
#include <string>

#include "portal/protocol/frames.h"
#include "store/store.h"

namespace portal::server {

// Fills data.content from `content`; returns a sentence saying what is wrong, or "" when fine.
// Reads data.orgs, data.users and data.program (types, partnerships) for the references.
std::string read_demo_content(const Json& content, const std::map<std::string, Id>& org_ids,
                              const std::map<std::string, Id>& user_ids, SeedData& data);

}  // namespace portal::server
