// The Shared files room: folders, files with a version history (the latest shown by default,
// older ones kept), who downloaded which version when, and comments on a file.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "portal/model/entities.h"

namespace portal {

struct Folder {
  Id id;
  Id org_id;
  Id parent_id;  // empty at the top
  std::string name;
  Id created_by;
  UnixTime created_at = 0;
  friend bool operator==(const Folder&, const Folder&) = default;
};

// A file as people know it; its content lives in versions.
struct StoredFile {
  Id id;
  Id org_id;
  Id folder_id;      // empty at the top
  std::string name;  // "Rollout plan.pdf"
  Id created_by;
  UnixTime created_at = 0;
  friend bool operator==(const StoredFile&, const StoredFile&) = default;
};

struct FileVersion {
  Id id;
  Id file_id;
  int32_t number = 1;  // 1, 2, 3, ... per file
  int64_t size_bytes = 0;
  std::string content_type;  // "application/pdf"
  std::string sha256;        // lower-case hex of the content
  std::string note;          // "Updated prices"
  Id uploaded_by;
  UnixTime uploaded_at = 0;
  friend bool operator==(const FileVersion&, const FileVersion&) = default;
};

// The highest-numbered version of `file_id` (of equal numbers, the later upload), or nullptr.
// Points into `versions`.
const FileVersion* latest_version(std::span<const FileVersion> versions, const Id& file_id);

// Who downloaded what and when.
struct DownloadRecord {
  Id id;
  Id file_id;
  Id version_id;
  Id user_id;
  UnixTime downloaded_at = 0;
  friend bool operator==(const DownloadRecord&, const DownloadRecord&) = default;
};

struct FileComment {
  Id id;
  Id file_id;
  Id author_id;
  std::string body;
  UnixTime created_at = 0;
  friend bool operator==(const FileComment&, const FileComment&) = default;
};

}  // namespace portal
