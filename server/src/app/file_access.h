// The application side of the HTTP file endpoints (net/uploads.cpp): who is asking (a session
// token), storing an upload (checked by rules/upload_rules.h, bytes in the BlobStore, then the
// row), and deciding whether a user may fetch one (rules/permissions.h). Free of Beast. Its
// calls block (SQLite, fsync), so the network layer runs them on the worker pool.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "portal/protocol/errors.h"
#include "store/blob_store.h"
#include "store/store.h"

namespace portal::server {

// A refusal with the HTTP status it is sent with.
struct HttpRefusal {
  int status = 400;
  Error error;
};

// An upload the user may fetch, and the file with its bytes.
struct Download {
  UploadRecord upload;
  std::filesystem::path path;
};

class FileAccess {
 public:
  FileAccess(Store& store, BlobStore& blobs) : store_(store), blobs_(blobs) {}

  // The user of a live session named by an "Authorization: Bearer <token>" value.
  std::optional<User> authenticate(std::string_view authorization);
  // Checks and stores an upload of `user`. `encoded_name` is the URL-encoded X-File-Name.
  std::variant<UploadRecord, HttpRefusal> upload(const User& user, std::string_view encoded_name,
                                                 std::string_view content_type,
                                                 std::string_view bytes, UnixTime now);
  // The upload or file version `id` when `user` may fetch it; nothing for an unknown id and for
  // one the user may not see alike. A version fetched with `record` (a GET, not a HEAD) is
  // recorded as downloaded by the user.
  std::optional<Download> open(const User& user, std::string_view id, bool record);

  // Who records downloads of file versions (PortalService::record_download, which publishes
  // their events); none: downloads are not recorded.
  using DownloadRecorder = std::function<void(const DownloadRecord&, const Id& org)>;
  void set_download_recorder(DownloadRecorder recorder) { recorder_ = std::move(recorder); }

 private:
  Store& store_;
  BlobStore& blobs_;
  DownloadRecorder recorder_;
};

// "%C3%A9t%C3%A9.pdf" -> "été.pdf"; nothing when an escape is malformed.
std::optional<std::string> percent_decode(std::string_view s);

}  // namespace portal::server
