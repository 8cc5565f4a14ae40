// The "accounts" list of the demo file (assets/demo/README.md describes it): customer accounts
// with their commitment plans and tasks, each checked by portal_core's validation.
#pragma once
#include <functional>
#include <map>
#include <string>

#include "portal/protocol/frames.h"
#include "store/store.h"

namespace portal::server {

// Appends the accounts and tasks of `list` to `data`. `org_ids` maps the file's organisation
// keys to ids; `parse_time` reads its times (and throws on a bad one). Returns "" or a sentence
// saying what is wrong.
std::string read_demo_accounts(const Json& list, const std::map<std::string, Id>& org_ids,
                               const std::function<UnixTime(const std::string&)>& parse_time,
                               SeedData& data);

}  // namespace portal::server
