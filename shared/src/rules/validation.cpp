#include "portal/rules/validation.h"

#include <algorithm>
#include <cctype>

#include "portal/rules/entity_validation.h"
#include "rules/field_checks.h"

namespace portal {

using detail::check_text;
using detail::is_blank;
using detail::Lines;
using detail::Need;

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    uint32_t cp = 0;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return false;
    i += len;
  }
  return true;
}

bool is_valid_email(std::string_view s) {
  if (s.empty() || s.size() > kMaxEmail) return false;
  const size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view local = s.substr(0, at);
  const std::string_view domain = s.substr(at + 1);
  if (local.size() > 64 || domain.size() < 3) return false;
  for (unsigned char c : local)
    if (c <= 0x20 || c == 0x7f || c == '(' || c == ')' || c == ',' || c == ':' || c == ';' ||
        c == '<' || c == '>' || c == '[' || c == ']' || c == '\\' || c == '"')
      return false;
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    return false;
  // Domain: dot-separated labels of letters, digits and hyphens, with at least one dot.
  if (domain.find('.') == std::string_view::npos) return false;
  size_t label_start = 0;
  for (size_t i = 0; i <= domain.size(); ++i) {
    if (i == domain.size() || domain[i] == '.') {
      const std::string_view label = domain.substr(label_start, i - label_start);
      if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
        return false;
      label_start = i + 1;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(domain[i]);
    if (!(std::isalnum(c) || c == '-' || c >= 0x80)) return false;
  }
  return is_valid_utf8(s);
}

bool is_valid_currency(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::vector<FieldError> validate_login(std::string_view email, std::string_view password) {
  std::vector<FieldError> errors;
  if (is_blank(email)) {
    errors.push_back({"email", "Enter your e-mail address."});
  } else if (!is_valid_email(email)) {
    errors.push_back({"email", "Enter an e-mail address like name@company.com."});
  }
  if (password.empty()) {
    errors.push_back({"password", "Enter your password."});
  } else if (password.size() > kMaxPassword) {
    errors.push_back({"password", "Password is too long (at most " +
                                      std::to_string(kMaxPassword) + " characters)."});
  }
  return errors;
}

std::vector<FieldError> validate_lead(const LeadDraft& d) {
  std::vector<FieldError> errors;
  check_text(errors, "company", "Company", d.company, kMaxName, Need::Required);
  check_text(errors, "contact", "Contact name", d.contact, kMaxName, Need::Required);
  detail::check_email(errors, "email", "Contact e-mail", d.email);
  detail::check_phone(errors, "phone", d.phone, Need::Optional);
  check_text(errors, "notes", "Notes", d.notes, kMaxNotes, Need::Optional, Lines::Multi);
  if (d.value_minor < 0) {
    errors.push_back({"value_minor", "Estimated value cannot be negative."});
  } else if (d.value_minor > kMaxLeadValueMinor) {
    errors.push_back({"value_minor", "Estimated value is too large."});
  }
  detail::check_currency(errors, "currency", d.currency);
  check_text(errors, "website", "Website", d.website, kMaxUrl, Need::Optional);
  return errors;
}

}  // namespace portal
