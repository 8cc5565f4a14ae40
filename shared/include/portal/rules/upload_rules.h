// What may be uploaded over HTTP (message attachments, shared files): a size limit, a file name
// check, and a content check that trusts the bytes over the declared type. Images are recognised
// by their magic bytes (and only then shown inline); executables, scripts and web pages are
// refused whatever they are called or declared as.
#pragma once
#include <cstdint>
#include <optional>
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

// What a file name would make of a file once saved and opened on a partner's computer.
enum class NameRisk {
  None,
  Program,    // runs when opened: an executable, script, installer, shortcut or disk image
  WebPage,    // opens in a browser or renders as markup (HTML, SVG, XML)
  Disguised,  // has bidirectional control characters that can hide its real extension
};

// The image type the bytes start with ("image/png", "image/jpeg", "image/gif", "image/webp"),
// or empty.
std::string_view sniff_image(std::string_view bytes);
// True when the bytes start like a program: PE, ELF, Mach-O, a "#!" script, a Java class, a
// Windows shortcut or a cabinet archive.
bool looks_executable(std::string_view bytes);
// True when a browser would take the bytes for markup: after an optional UTF-8 or UTF-16 byte
// order mark and white space they open with an HTML tag, a comment, a doctype, <svg or <?xml.
bool looks_like_markup(std::string_view bytes);
// The extension a platform opening `name` would act on: trailing dots and spaces removed (as
// Windows does when saving), lower case; empty when there is none.
std::string effective_extension(std::string_view name);
// The risk of the name alone. Every part of a name with colons counts (NTFS alternate data
// streams: "x.exe:$DATA" is saved as x.exe).
NameRisk name_risk(std::string_view name);
// Checks an upload: its file name (1-255 bytes of UTF-8, no path separators, control or bidi
// characters), its declared Content-Type (parameters ignored) and its bytes. Refusals are
// Validation errors on "name", "content_type" or "content"; an empty body is refused too.
std::variant<UploadKind, Error> check_upload(std::string_view name, std::string_view declared_type,
                                             std::string_view bytes);
// The refusal of a name given later to an uploaded file (a shared file's own name) as a
// Validation error on `field`, or nullopt when the name is fine.
std::optional<Error> check_shared_file_name(std::string_view name, const char* field);
// May the browser show this stored type inline (Content-Disposition: inline)? Images only.
bool shows_inline(std::string_view content_type);

}  // namespace portal
