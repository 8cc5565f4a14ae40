// Maps a request target to a file under the public folder. Free of Beast on purpose: this is
// the security-relevant part of serving files and is easier to read (and test) on its own.
// Refuses anything that could leave the folder: "..", encoded dots, backslashes, NUL, empty
// segments and absolute or malformed targets.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace portal::server {

struct StaticFile {
  std::filesystem::path path;  // the file to send (may be the .gz sibling)
  std::string_view content_type;
  std::string etag;            // quoted, from size and modification time
  uint64_t size = 0;
  bool gzip = false;           // path is the .gz variant: send Content-Encoding: gzip
  bool has_gzip_variant = false;  // a .gz sibling exists: send Vary: Accept-Encoding
  bool no_cache = false;       // html/js/wasm: revalidate every time
};

enum class LookupStatus { Found, NotFound, BadPath };

struct StaticLookup {
  LookupStatus status = LookupStatus::NotFound;
  StaticFile file;
};

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  // `target` is the raw request target ("/app.js?v=3"). Paths without a dot that name no file
  // are deep links of the single-page app and resolve to index.html.
  StaticLookup find(std::string_view target, bool accept_gzip) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  StaticLookup describe(const std::filesystem::path& file, bool accept_gzip) const;

  std::filesystem::path root_;  // canonical
};

// The MIME type for a file name, by extension; application/octet-stream when unknown.
std::string_view mime_type(std::string_view path);

// The path part of a target, percent-decoded; nothing when it is malformed or unsafe.
std::optional<std::string> safe_relative_path(std::string_view target);

}  // namespace portal::server
