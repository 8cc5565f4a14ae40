// What may be uploaded over HTTP (message attachments, shared files): a size limit, a file name
// check, and a content check that trusts the bytes over the declared type. Images are recognised
// by their magic bytes (and only then shown inline); executables and scripts are refused
// whatever they are called or declared as.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "portal/protocol/errors.h"

namespace portal {

inline constexpr int64_t kMaxHttpUploadBytes = 25LL << 20;  // 25 MiB per upload

// An accepted upload: the content type to store and serve, and whether it is an image.
struct UploadKind {
  std::string content_type;
  bool image = false;
};

// The image type the bytes start with ("image/png", "image/jpeg", "image/gif", "image/webp"),
// or empty.
std::string_view sniff_image(std::string_view bytes);
// True when the bytes start like a program: PE, ELF, Mach-O, a "#!" script or a Java class.
bool looks_executable(std::string_view bytes);
// Checks an upload: its file name (1-255 bytes of UTF-8, no path separators or control
// characters), its declared Content-Type (parameters ignored) and its bytes. Refusals are
// Validation errors on "name", "content_type" or "content"; an empty body is refused too.
std::variant<UploadKind, Error> check_upload(std::string_view name, std::string_view declared_type,
                                             std::string_view bytes);
// May the browser show this stored type inline (Content-Disposition: inline)? Images only.
bool shows_inline(std::string_view content_type);

}  // namespace portal
