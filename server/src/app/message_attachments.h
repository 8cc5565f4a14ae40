// The attachments of a message being sent (message.send {"attachments": [upload_id, ...]}):
// at most kMaxAttachments, no repeats, each an upload of the sender that no message has yet.
#pragma once
#include <variant>
#include <vector>

#include "portal/protocol/errors.h"
#include "store/store.h"

namespace portal::server {

// The metadata of the attachments in the order given, or a Validation error on "attachments"
// (an upload that is someone else's reads like one that does not exist).
std::variant<std::vector<AttachmentInfo>, Error> check_attachments(Store& store,
                                                                   const Id& sender,
                                                                   const std::vector<Id>& ids);

}  // namespace portal::server
