// Reads the demo conversations of assets/demo/demo.json ("conversations": a channel and a direct
// message per partner with a short history) into seed rows.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "portal/protocol/frames.h"
#include "store/message_records.h"

namespace portal::server {

// `org_ids` maps the demo's organisation keys and `user_ids` e-mails to the ids they were given.
// Returns "" on success, else what is wrong. A missing "conversations" key means none.
std::string read_demo_conversations(const Json& doc, const std::map<std::string, Id>& org_ids,
                                    const std::map<std::string, Id>& user_ids,
                                    std::vector<SeedConversation>& out);

}  // namespace portal::server
