// Upload checks (rules/upload_rules.h). The allow-list is deliberately short: what partners
// exchange (images, PDFs, office documents, plain text and CSV, zip archives).
#include "portal/rules/upload_rules.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "rules/field_checks.h"

namespace portal {
namespace {

bool starts_with(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "Text/Plain; charset=utf-8" -> "text/plain".
std::string base_type(std::string_view declared) {
  std::string_view t = declared.substr(0, declared.find(';'));
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  return lower(t);
}

std::string extension(std::string_view name) {
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string() : lower(name.substr(dot + 1));
}

constexpr std::array<std::string_view, 18> kExecutableExtensions = {
    "exe", "dll", "com", "scr", "msi", "bat", "cmd", "ps1", "vbs",
    "js",  "jar", "sh",  "apk", "app", "elf", "bin", "cpl", "hta"};

// Declared types accepted for non-images, and what their bytes must start with ("" = any).
struct Allowed {
  std::string_view type;
  std::string_view magic;
};
constexpr std::array<Allowed, 11> kAllowed = {{
    {"application/pdf", "%PDF-"},
    {"text/plain", ""},
    {"text/csv", ""},
    {"application/zip", "PK\x03\x04"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\x03\x04"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04"},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "PK\x03\x04"},
    {"application/msword", ""},
    {"application/vnd.ms-excel", ""},
    {"application/vnd.ms-powerpoint", ""},
    {"application/octet-stream", ""},
}};

Error refused(const char* field, std::string message) {
  return Error{ErrorCode::Validation, message, {{field, message}}};
}

}  // namespace

std::string_view sniff_image(std::string_view b) {
  if (starts_with(b, "\x89PNG\r\n\x1a\n")) return "image/png";
  if (starts_with(b, "\xff\xd8\xff")) return "image/jpeg";
  if (starts_with(b, "GIF87a") || starts_with(b, "GIF89a")) return "image/gif";
  if (b.size() >= 12 && starts_with(b, "RIFF") && b.substr(8, 4) == "WEBP") return "image/webp";
  return {};
}

bool looks_executable(std::string_view b) {
  using namespace std::string_view_literals;
  return starts_with(b, "MZ") || starts_with(b, "\x7f" "ELF") || starts_with(b, "#!") ||
         starts_with(b, "\xfe\xed\xfa\xce"sv) || starts_with(b, "\xfe\xed\xfa\xcf"sv) ||
         starts_with(b, "\xce\xfa\xed\xfe"sv) || starts_with(b, "\xcf\xfa\xed\xfe"sv) ||
         starts_with(b, "\xca\xfe\xba\xbe"sv);  // Mach-O universal binaries and Java classes
}

std::variant<UploadKind, Error> check_upload(std::string_view name, std::string_view declared,
                                             std::string_view bytes) {
  detail::Errors name_errors;
  detail::check_file_name(name_errors, "name", "File name", name);
  if (!name_errors.empty())
    return Error{ErrorCode::Validation, name_errors.front().message, std::move(name_errors)};
  if (bytes.empty()) return refused("content", "The file is empty.");
  const std::string ext = extension(name);
  if (looks_executable(bytes) ||
      std::find(kExecutableExtensions.begin(), kExecutableExtensions.end(), ext) !=
          kExecutableExtensions.end())
    return refused("content", "Programs and scripts cannot be shared here.");

  const std::string type = base_type(declared);
  if (std::string_view image = sniff_image(bytes); !image.empty()) {
    // The bytes decide: a PNG declared as image/jpeg (or as a download) is stored as a PNG.
    return UploadKind{std::string(image), true};
  }
  if (type.starts_with("image/"))
    return refused("content", "The file is not a PNG, JPEG, GIF or WebP image.");
  for (const Allowed& a : kAllowed) {
    if (a.type != type) continue;
    if (!a.magic.empty() && !starts_with(bytes, a.magic))
      return refused("content", "The file's content does not match its type (" + type + ").");
    return UploadKind{type, false};
  }
  return refused("content_type", "Files of this type (" + (type.empty() ? "none" : type) +
                                     ") cannot be shared here. Images, PDFs, office documents, "
                                     "text, CSV and zip files can.");
}

bool shows_inline(std::string_view content_type) {
  return content_type == "image/png" ||
         content_type == "image/jpeg" || content_type == "image/gif" ||
         content_type == "image/webp";
}

}  // namespace portal
