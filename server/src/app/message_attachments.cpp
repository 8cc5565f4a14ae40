#include "app/message_attachments.h"

#include <algorithm>

#include "portal/rules/entity_validation.h"

namespace portal::server {
namespace {

Error refused(std::string message) {
  return Error{ErrorCode::Validation, message, {{"attachments", message}}};
}

}  // namespace

std::variant<std::vector<AttachmentInfo>, Error> check_attachments(Store& store,
                                                                   const Id& sender,
                                                                   const std::vector<Id>& ids) {
  if (ids.size() > kMaxAttachments)
    return refused("A message can carry at most " + std::to_string(kMaxAttachments) + " files.");
  std::vector<AttachmentInfo> out;
  for (size_t i = 0; i < ids.size(); ++i) {
    const Id& id = ids[i];
    if (std::find(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(i), id) !=
        ids.begin() + static_cast<std::ptrdiff_t>(i))
      return refused("The same file is attached twice.");
    std::optional<UploadRecord> u =
        id.empty() || id.size() > kMaxIdBytes ? std::nullopt : store.find_upload(id);
    if (!u || u->uploader != sender)
      return refused("An attached file was not found. Please upload it again.");
    if (store.attachment_conversation(id))
      return refused("\"" + u->name +
                     "\" is already attached to another message. Upload it again.");
    out.push_back(u->info());
  }
  return out;
}

}  // namespace portal::server
