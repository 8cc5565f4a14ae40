// Upload checks (rules/upload_rules.h). The allow-list is deliberately short: what partners
// exchange (images, PDFs, office documents, plain text and CSV, zip archives). Names are judged
// the way the computer that saves and opens the file will see them, and bytes the way a browser
// sniffs them, because either one can turn a harmless-looking upload into something that runs.
#include "portal/rules/upload_rules.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "rules/field_checks.h"

namespace portal {
namespace {

using namespace std::string_view_literals;

constexpr const char* kProgramsRefused = "Programs and scripts cannot be shared here.";
constexpr const char* kWebPagesRefused =
    "Web pages and SVG files cannot be shared here; share a PDF or an image instead.";
constexpr const char* kDisguisedRefused =
    "File name contains text direction characters that can disguise its type.";

bool starts_with(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

char lower_char(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower_char(c);
  return out;
}

// "Text/Plain; charset=utf-8" -> "text/plain".
std::string base_type(std::string_view declared) {
  std::string_view t = declared.substr(0, declared.find(';'));
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  return lower(t);
}

// [SECTION] NAMES

struct RiskyExtension {
  std::string_view ext;
  NameRisk risk;
};

constexpr NameRisk kP = NameRisk::Program;
constexpr NameRisk kW = NameRisk::WebPage;

// Every extension refused by name, in one list. A file with one of these names runs, installs or
// renders as a page when a partner opens it, whatever its bytes look like to us.
// clang-format off
constexpr std::array kRiskyExtensions = std::to_array<RiskyExtension>({
    // Windows programs, libraries, installers, control panel items and app packages.
    {"exe", kP}, {"dll", kP}, {"com", kP}, {"scr", kP}, {"msi", kP}, {"msp", kP}, {"mst", kP},
    {"cpl", kP}, {"msc", kP}, {"appx", kP}, {"appxbundle", kP}, {"msix", kP},
    {"msixbundle", kP},
    // Windows shells and the Windows Script Host run these as code; HTML applications and
    // compiled help run script with the user's rights.
    {"bat", kP}, {"cmd", kP}, {"ps1", kP}, {"ps1xml", kP}, {"psm1", kP}, {"psd1", kP},
    {"vb", kP}, {"vbs", kP}, {"vbe", kP}, {"js", kP}, {"jse", kP}, {"wsf", kP}, {"wsh", kP},
    {"wsc", kP}, {"ws", kP}, {"sct", kP}, {"hta", kP}, {"chm", kP},
    // Windows shortcuts, shell commands, setup and registry files start or change programs.
    {"pif", kP}, {"lnk", kP}, {"url", kP}, {"scf", kP}, {"inf", kP}, {"reg", kP},
    // ClickOnce, desktop gadgets and Java start code through a runtime.
    {"application", kP}, {"appref-ms", kP}, {"gadget", kP}, {"jar", kP}, {"jnlp", kP},
    // Disk images mount on a double-click and their contents lose the download's
    // mark-of-the-web, a common way to deliver the programs above.
    {"iso", kP}, {"img", kP}, {"vhd", kP}, {"vhdx", kP},
    // macOS applications, Terminal scripts, Automator workflows and installers. Disk images
    // (dmg) too: they are how Mac programs are shipped, never how documents are.
    {"app", kP}, {"command", kP}, {"tool", kP}, {"workflow", kP}, {"pkg", kP}, {"mpkg", kP},
    {"dmg", kP},
    // Linux shell scripts, executables, self-extracting installers, packages and launchers.
    {"sh", kP}, {"bash", kP}, {"zsh", kP}, {"csh", kP}, {"ksh", kP}, {"run", kP}, {"bin", kP},
    {"elf", kP}, {"appimage", kP}, {"deb", kP}, {"rpm", kP}, {"snap", kP}, {"desktop", kP},
    // Android and iOS app packages install programs.
    {"apk", kP}, {"ipa", kP},
    // Browsers run the script in these, and in the portal's origin if one were ever served
    // from it; XML is here because XSLT and XHTML turn it into a page.
    {"html", kW}, {"htm", kW}, {"xhtml", kW}, {"xht", kW}, {"shtml", kW}, {"mht", kW},
    {"mhtml", kW}, {"svg", kW}, {"svgz", kW}, {"xml", kW}, {"xsl", kW}, {"xslt", kW},
});
// clang-format on

NameRisk extension_risk(std::string_view ext) {
  for (const RiskyExtension& r : kRiskyExtensions)
    if (r.ext == ext) return r.risk;
  return NameRisk::None;
}

// Bidirectional controls (U+061C, U+200E/F, U+202A-202E, U+2066-2069) reorder how a name is
// shown: "invoice<U+202E>fdp.exe" reads as "invoiceexe.pdf". `name` is valid UTF-8 here.
bool has_bidi_controls(std::string_view name) {
  for (size_t i = 0; i + 1 < name.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(name[i]);
    const auto b1 = static_cast<unsigned char>(name[i + 1]);
    if (b0 == 0xd8 && b1 == 0x9c) return true;  // U+061C ARABIC LETTER MARK
    if (b0 != 0xe2 || i + 2 >= name.size()) continue;
    const auto b2 = static_cast<unsigned char>(name[i + 2]);
    if (b1 == 0x80 && (b2 == 0x8e || b2 == 0x8f || (b2 >= 0xaa && b2 <= 0xae))) return true;
    if (b1 == 0x81 && b2 >= 0xa6 && b2 <= 0xa9) return true;
  }
  return false;
}

// [SECTION] CONTENT

// The first bytes of a file as a browser's sniffer reads them: without a byte order mark, and
// UTF-16 narrowed to one byte per code unit (anything beyond ASCII becomes 0x80, which no
// pattern contains).
std::string sniffed_head(std::string_view b) {
  constexpr size_t kHead = 1445;  // the WHATWG MIME sniffing "resource header" length
  if (starts_with(b, "\xef\xbb\xbf")) return std::string(b.substr(3, kHead));
  const bool be = starts_with(b, "\xfe\xff");
  if (!be && !starts_with(b, "\xff\xfe")) return std::string(b.substr(0, kHead));
  std::string out;
  for (size_t i = 2; i + 1 < b.size() && out.size() < kHead; i += 2) {
    const auto hi = static_cast<unsigned char>(be ? b[i] : b[i + 1]);
    const auto lo = static_cast<unsigned char>(be ? b[i + 1] : b[i]);
    out += (hi == 0 && lo < 0x80) ? static_cast<char>(lo) : '\x80';
  }
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Markup openings, lower case. Tags must be followed by white space, "/" or ">" (as the
// sniffing standard asks for a tag-terminating byte), so "<a" does not catch "<about>".
struct MarkupStart {
  std::string_view text;
  bool tag;
};
// clang-format off
constexpr std::array kMarkupStarts = std::to_array<MarkupStart>({
    // The WHATWG MIME sniffing HTML patterns.
    {"<!doctype html", true}, {"<html", true}, {"<head", true}, {"<script", true},
    {"<iframe", true}, {"<h1", true}, {"<div", true}, {"<font", true}, {"<table", true},
    {"<a", true}, {"<style", true}, {"<title", true}, {"<b", true}, {"<body", true},
    {"<br", true}, {"<p", true}, {"<!--", false},
    // Its XML pattern, any other doctype (SVG and XHTML have their own), and tags that load or
    // run something on their own when a page starts with them.
    {"<?xml", false}, {"<!doctype", true}, {"<svg", true}, {"<img", true}, {"<object", true},
    {"<embed", true}, {"<meta", true}, {"<link", true}, {"<base", true}, {"<form", true},
    {"<frameset", true},
});
// clang-format on

constexpr std::string_view kCompoundMagic = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"sv;

// Declared types accepted for non-images, and what their bytes must start with ("" = any).
// Only the old Office types may be OLE compound files: the same container holds Windows
// installers (.msi), so one declared as anything else is refused.
struct Allowed {
  std::string_view type;
  std::string_view magic;
  bool compound = false;
};
constexpr std::array<Allowed, 11> kAllowed = {{
    {"application/pdf", "%PDF-"},
    {"text/plain", ""},
    {"text/csv", ""},
    {"application/zip", "PK\x03\x04"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\x03\x04"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04"},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "PK\x03\x04"},
    {"application/msword", "", true},
    {"application/vnd.ms-excel", "", true},
    {"application/vnd.ms-powerpoint", "", true},
    {"application/octet-stream", ""},
}};

Error refused(const char* field, std::string message) {
  return Error{ErrorCode::Validation, message, {{field, message}}};
}

}  // namespace

std::string effective_extension(std::string_view name) {
  // Windows drops trailing dots and spaces when it saves a file, so "x.exe. ." is x.exe.
  while (!name.empty() && (name.back() == '.' || name.back() == ' ')) name.remove_suffix(1);
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string() : lower(name.substr(dot + 1));
}

NameRisk name_risk(std::string_view name) {
  if (has_bidi_controls(name)) return NameRisk::Disguised;
  NameRisk risk = NameRisk::None;
  // "x.exe::$DATA" and "x.exe:stream" are x.exe on NTFS; other systems keep the whole name, so
  // every colon-separated part is judged and the worst one counts.
  for (size_t start = 0; start <= name.size();) {
    const size_t colon = std::min(name.find(':', start), name.size());
    const NameRisk part = extension_risk(effective_extension(name.substr(start, colon - start)));
    if (part == NameRisk::Program) return part;
    if (part == NameRisk::WebPage) risk = part;
    start = colon + 1;
  }
  return risk;
}

std::string_view sniff_image(std::string_view b) {
  if (starts_with(b, "\x89PNG\r\n\x1a\n")) return "image/png";
  if (starts_with(b, "\xff\xd8\xff")) return "image/jpeg";
  if (starts_with(b, "GIF87a") || starts_with(b, "GIF89a")) return "image/gif";
  if (b.size() >= 12 && starts_with(b, "RIFF") && b.substr(8, 4) == "WEBP") return "image/webp";
  return {};
}

bool looks_executable(std::string_view b) {
  return starts_with(b, "MZ") || starts_with(b, "\x7f" "ELF") || starts_with(b, "#!") ||
         starts_with(b, "\xfe\xed\xfa\xce"sv) || starts_with(b, "\xfe\xed\xfa\xcf"sv) ||
         starts_with(b, "\xce\xfa\xed\xfe"sv) || starts_with(b, "\xcf\xfa\xed\xfe"sv) ||
         starts_with(b, "\xca\xfe\xba\xbe"sv) ||  // Mach-O universal binaries and Java classes
         starts_with(b, "\x4c\0\0\0\x01\x14\x02\0"sv) ||  // a Windows shortcut (.lnk)
         starts_with(b, "MSCF\0\0\0\0"sv);  // a cabinet: the payload of Windows installers
}

bool looks_like_markup(std::string_view bytes) {
  const std::string head = sniffed_head(bytes);
  std::string_view s = head;
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  for (const MarkupStart& m : kMarkupStarts) {
    if (s.size() < m.text.size()) continue;
    if (!std::equal(m.text.begin(), m.text.end(), s.begin(),
                    [](char want, char got) { return want == lower_char(got); }))
      continue;
    if (!m.tag) return true;
    // A tag at the very end of the head still counts: a browser would wait for more bytes.
    if (s.size() == m.text.size()) return true;
    const char next = s[m.text.size()];
    if (is_space(next) || next == '>' || next == '/') return true;
  }
  return false;
}

std::variant<UploadKind, Error> check_upload(std::string_view name, std::string_view declared,
                                             std::string_view bytes) {
  detail::Errors name_errors;
  detail::check_file_name(name_errors, "name", "File name", name);
  if (!name_errors.empty())
    return Error{ErrorCode::Validation, name_errors.front().message, std::move(name_errors)};
  const NameRisk risk = name_risk(name);
  if (risk == NameRisk::Disguised) return refused("name", kDisguisedRefused);
  if (bytes.empty()) return refused("content", "The file is empty.");
  if (risk == NameRisk::Program || looks_executable(bytes))
    return refused("content", kProgramsRefused);
  if (risk == NameRisk::WebPage || looks_like_markup(bytes))
    return refused("content", kWebPagesRefused);

  const std::string type = base_type(declared);
  if (std::string_view image = sniff_image(bytes); !image.empty()) {
    // The bytes decide: a PNG declared as image/jpeg (or as a download) is stored as a PNG.
    return UploadKind{std::string(image), true};
  }
  if (type.starts_with("image/"))
    return refused("content", "The file is not a PNG, JPEG, GIF or WebP image.");
  for (const Allowed& a : kAllowed) {
    if (a.type != type) continue;
    if ((!a.magic.empty() && !starts_with(bytes, a.magic)) ||
        (!a.compound && starts_with(bytes, kCompoundMagic)))
      return refused("content", "The file's content does not match its type (" + type + ").");
    return UploadKind{type, false};
  }
  return refused("content_type", "Files of this type (" + (type.empty() ? "none" : type) +
                                     ") cannot be shared here. Images, PDFs, office documents, "
                                     "text, CSV and zip files can.");
}

std::optional<Error> check_shared_file_name(std::string_view name, const char* field) {
  switch (name_risk(name)) {
    case NameRisk::None:
      return std::nullopt;
    case NameRisk::Program:
      return refused(field, kProgramsRefused);
    case NameRisk::WebPage:
      return refused(field, kWebPagesRefused);
    case NameRisk::Disguised:
      return refused(field, kDisguisedRefused);
  }
  return std::nullopt;
}

bool shows_inline(std::string_view content_type) {
  return content_type == "image/png" ||
         content_type == "image/jpeg" || content_type == "image/gif" ||
         content_type == "image/webp";
}

}  // namespace portal
