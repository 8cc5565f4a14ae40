// The bytes of uploaded files, on disk under <data>/files/, each named by the sha256 of its
// content (files/ab/ab12...): the same bytes uploaded twice are stored once, and a name never
// changes meaning. A blob is written to files/tmp/ first, fsync'd, renamed into place and its
// folder fsync'd, so it is durable before the row that points at it commits. A crash can leave
// an unreferenced blob behind, never a row without its bytes.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace portal::server {

class BlobStore {
 public:
  // Creates <data_dir>/files (and its tmp/ folder) when missing; throws StoreError when it
  // cannot.
  explicit BlobStore(const std::filesystem::path& data_dir);

  // Lower-case hex sha256 of `bytes`.
  static std::string sha256_hex(std::string_view bytes);
  // Stores `bytes` durably and returns their sha256. Throws StoreError on an I/O failure.
  std::string put(std::string_view bytes);
  // The file holding the blob, when it exists; nothing for a malformed or unknown hash.
  std::optional<std::filesystem::path> path(std::string_view sha256) const;

 private:
  std::filesystem::path blob_path(std::string_view sha256) const;

  std::filesystem::path root_;
};

}  // namespace portal::server
