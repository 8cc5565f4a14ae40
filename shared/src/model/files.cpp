#include "portal/model/files.h"

namespace portal {

const FileVersion* latest_version(std::span<const FileVersion> versions, const Id& file_id) {
  const FileVersion* latest = nullptr;
  for (const FileVersion& v : versions) {
    if (v.file_id != file_id) continue;
    if (latest == nullptr || v.number > latest->number ||
        (v.number == latest->number && v.uploaded_at >= latest->uploaded_at))
      latest = &v;
  }
  return latest;
}

}  // namespace portal
