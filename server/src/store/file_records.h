// What the store reads and writes for uploads and the Shared files store (see store.h,
// sqlite_files.cpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "portal/model/entities.h"
#include "portal/model/files.h"
#include "portal/model/messaging.h"

namespace portal::server {

// One file received by POST /api/uploads. Its bytes are the blob named `sha256`.
struct UploadRecord {
  Id id;
  Id org_id;    // the uploader's organisation: who may fetch it besides a conversation's people
  Id uploader;  // user id
  std::string name;
  std::string content_type;
  int64_t size = 0;
  std::string sha256;
  UnixTime created_at = 0;

  AttachmentInfo info() const { return AttachmentInfo{id, name, content_type, size}; }
};

// A file version with its file and the upload holding its bytes.
struct VersionRecord {
  FileVersion version;
  StoredFile file;
  Id upload_id;
};

// Everything the Shared files room is built from, read in one snapshot.
struct FilesInputs {
  std::vector<Folder> folders;
  std::vector<StoredFile> files;
  std::vector<FileVersion> versions;  // by file, then number
  std::vector<DownloadRecord> downloads;
  std::vector<FileComment> comments;
  int64_t seq = 0;
};

// The rows one files command writes, in the same transaction as its events.
struct FileChange {
  std::optional<Folder> folder;
  std::optional<StoredFile> file;
  std::optional<FileVersion> version;
  Id upload_id;  // the upload of `version`
  std::optional<FileComment> comment;
};

}  // namespace portal::server
