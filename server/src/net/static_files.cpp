#include "net/static_files.h"

#include <cctype>
#include <cstdio>
#include <optional>

namespace portal::server {
namespace fs = std::filesystem;
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string_view mime_type(std::string_view path) {
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string ext(path.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript";
  if (ext == "wasm") return "application/wasm";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json") return "application/json";
  if (ext == "png") return "image/png";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "ico") return "image/x-icon";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "webp") return "image/webp";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "ttf") return "font/ttf";
  if (ext == "woff2") return "font/woff2";
  if (ext == "map") return "application/json";
  return "application/octet-stream";
}

std::optional<std::string> safe_relative_path(std::string_view target) {
  // Origin-form only: "/path?query". Absolute-form ("http://...") and "*" are refused.
  if (target.empty() || target.front() != '/') return std::nullopt;
  const auto end = target.find_first_of("?#");
  const std::string_view raw = target.substr(0, end);

  std::string decoded;
  decoded.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      if (i + 2 >= raw.size()) return std::nullopt;
      const int hi = hex_value(raw[i + 1]);
      const int lo = hex_value(raw[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    // Checked after decoding so "%00" and "%5c" are caught like their plain forms.
    if (c == '\0' || c == '\\' || static_cast<unsigned char>(c) < 0x20) return std::nullopt;
    decoded.push_back(c);
  }

  // Every segment must be a plain name: no "", ".", ".." (so no "//", "/./", "/../").
  std::string relative;
  size_t pos = 1;
  while (pos <= decoded.size()) {
    const auto slash = decoded.find('/', pos);
    const std::string_view segment =
        std::string_view(decoded).substr(pos, slash == std::string::npos ? std::string::npos
                                                                          : slash - pos);
    const bool last = slash == std::string::npos;
    if (segment.empty()) {
      if (last && relative.empty()) break;  // the root "/"
      return std::nullopt;
    }
    if (segment == "." || segment == ".." || segment.find(':') != std::string_view::npos) {
      return std::nullopt;
    }
    if (!relative.empty()) relative.push_back('/');
    relative.append(segment);
    if (last) break;
    pos = slash + 1;
  }
  return relative;
}

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  root_ = fs::weakly_canonical(root, ec);
  if (ec) root_ = std::move(root);
}

StaticLookup StaticFiles::describe(const fs::path& file, bool accept_gzip) const {
  StaticLookup out;
  std::error_code ec;
  // Resolve symbolic links and make sure the result is still inside the public folder.
  const fs::path real = fs::canonical(file, ec);
  if (ec || !fs::is_regular_file(real, ec)) return out;
  const auto rel = real.lexically_relative(root_);
  if (rel.empty() || *rel.begin() == "..") return out;

  StaticFile f;
  f.content_type = mime_type(real.filename().string());
  const std::string ext = real.extension().string();
  f.no_cache = ext == ".html" || ext == ".js" || ext == ".wasm";
  fs::path chosen = real;
  const fs::path gz = real.string() + ".gz";
  if (fs::is_regular_file(gz, ec)) {
    f.has_gzip_variant = true;
    if (accept_gzip) {
      chosen = gz;
      f.gzip = true;
    }
  }
  f.size = fs::file_size(chosen, ec);
  if (ec) return out;
  const auto mtime = fs::last_write_time(chosen, ec).time_since_epoch().count();
  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%llx-%llx%s\"", static_cast<unsigned long long>(f.size),
                static_cast<unsigned long long>(mtime), f.gzip ? "-gz" : "");
  f.etag = etag;
  f.path = std::move(chosen);
  out.status = LookupStatus::Found;
  out.file = std::move(f);
  return out;
}

StaticLookup StaticFiles::find(std::string_view target, bool accept_gzip) const {
  const std::optional<std::string> rel = safe_relative_path(target);
  if (!rel) return StaticLookup{LookupStatus::BadPath, {}};
  // Pre-compressed siblings are served through content negotiation, not by their own name.
  if (rel->empty() || *rel == "index.html") return describe(root_ / "index.html", accept_gzip);
  if (!ends_with(*rel, ".gz")) {
    StaticLookup found = describe(root_ / *rel, accept_gzip);
    if (found.status == LookupStatus::Found) return found;
  }
  if (rel->find('.') == std::string::npos) return describe(root_ / "index.html", accept_gzip);
  return StaticLookup{LookupStatus::NotFound, {}};
}

}  // namespace portal::server
