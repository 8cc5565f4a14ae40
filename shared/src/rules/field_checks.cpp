#include "rules/field_checks.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "portal/rules/entity_validation.h"

namespace portal::detail {
namespace {

std::string too_long(const char* label, size_t max) {
  return std::string(label) + " is too long (at most " + std::to_string(max) + " characters).";
}

}  // namespace

std::string lower_first(std::string_view label) {
  std::string s(label);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

bool has_control_chars(std::string_view s, Lines lines) {
  for (unsigned char c : s) {
    if (c == '\n' || c == '\t' || c == '\r') {
      if (lines == Lines::Single) return true;
    } else if (c < 0x20 || c == 0x7f) {
      return true;
    }
  }
  return false;
}

void check_text(Errors& errors, const char* field, const char* label, std::string_view value,
                size_t max, Need need, Lines lines) {
  if (need == Need::Required && is_blank(value)) {
    errors.push_back({field, std::string(label) + " is required."});
  } else if (value.size() > max) {
    errors.push_back({field, too_long(label, max)});
  } else if (!is_valid_utf8(value) || has_control_chars(value, lines)) {
    errors.push_back({field, std::string(label) + " contains characters that are not allowed."});
  }
}

void check_id(Errors& errors, const char* field, const char* label, std::string_view id,
              Need need) {
  if (id.empty()) {
    if (need == Need::Required) errors.push_back({field, std::string(label) + " is required."});
    return;
  }
  const bool visible =
      std::all_of(id.begin(), id.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; });
  if (id.size() > kMaxIdBytes || !visible)
    errors.push_back({field, std::string(label) + " is not a valid reference."});
}

void check_ids(Errors& errors, const char* field, const char* label,
               std::span<const std::string> ids, size_t max, Need need) {
  if (ids.empty()) {
    if (need == Need::Required)
      errors.push_back({field, "Choose at least one " + std::string(label) + "."});
    return;
  }
  if (ids.size() > max) {
    errors.push_back({field, "Choose at most " + std::to_string(max) + " " + label + "s."});
    return;
  }
  Errors probe;
  std::set<std::string_view> seen;
  for (const std::string& id : ids) {
    check_id(probe, field, label, id, Need::Required);
    if (!probe.empty()) {
      errors.push_back(
          {field, "A " + std::string(label) + " in the list is not a valid reference."});
      return;
    }
    if (!seen.insert(id).second) {
      errors.push_back({field, "A " + std::string(label) + " is listed twice."});
      return;
    }
  }
}

void check_email(Errors& errors, const char* field, const char* label, std::string_view value) {
  if (is_blank(value)) {
    errors.push_back({field, std::string(label) + " is required."});
  } else if (!is_valid_email(value)) {
    errors.push_back({field, "Enter an e-mail address like name@company.com."});
  }
}

void check_phone(Errors& errors, const char* field, std::string_view value, Need need) {
  if (value.empty()) {
    if (need == Need::Required) errors.push_back({field, "Phone number is required."});
    return;
  }
  const bool ok = value.size() <= kMaxPhone &&
                  std::all_of(value.begin(), value.end(),
                              [](unsigned char c) {
                                return std::isdigit(c) || c == ' ' || c == '+' || c == '-' ||
                                       c == '(' || c == ')' || c == '.' || c == '/';
                              }) &&
                  std::count_if(value.begin(), value.end(),
                                [](unsigned char c) { return std::isdigit(c); }) >= 5;
  if (!ok) errors.push_back({field, "Enter a phone number like +49 30 1234567."});
}

void check_currency(Errors& errors, const char* field, std::string_view currency) {
  if (!is_valid_currency(currency))
    errors.push_back({field, "Currency must be a three-letter code like EUR."});
}

void check_money(Errors& errors, const char* field, const char* label, const Money& m,
                 int64_t min_minor, int64_t max_minor) {
  if (!is_valid_currency(m.currency)) {
    errors.push_back(
        {field, std::string(label) + ": currency must be a three-letter code like EUR."});
  } else if (m.minor < min_minor) {
    errors.push_back({field, std::string(label) + (min_minor > 0 ? " must be more than zero."
                                                                 : " cannot be negative.")});
  } else if (m.minor > max_minor) {
    errors.push_back({field, std::string(label) + " is too large."});
  }
}

void check_range(Errors& errors, const char* field, const char* label, int64_t value, int64_t min,
                 int64_t max) {
  if (value < min || value > max)
    errors.push_back({field, std::string(label) + " must be between " + std::to_string(min) +
                                 " and " + std::to_string(max) + "."});
}

void check_share_bp(Errors& errors, const char* field, const char* label, int32_t bp) {
  if (bp < 0 || bp > 10'000)
    errors.push_back({field, std::string(label) + " must be between 0 % and 100 %."});
}

void check_time(Errors& errors, const char* field, const char* label, UnixTime t, Need need) {
  if (t < 0) {
    errors.push_back({field, std::string(label) + " is not a valid date."});
  } else if (t == 0 && need == Need::Required) {
    errors.push_back({field, std::string(label) + " is required."});
  }
}

void check_not_before(Errors& errors, const char* field, const char* later_label, UnixTime later,
                      const char* earlier_label, UnixTime earlier) {
  if (later < 0) {
    errors.push_back({field, std::string(later_label) + " is not a valid date."});
  } else if (later != 0 && later < earlier) {
    errors.push_back({field, std::string(later_label) + " cannot be before the " +
                                 lower_first(earlier_label) + "."});
  }
}

void check_state_date(Errors& errors, const char* field, const char* label, UnixTime t,
                      bool in_state, const char* only_sentence) {
  if (in_state) {
    check_time(errors, field, label, t, Need::Required);
  } else if (t != 0) {
    errors.push_back({field, only_sentence});
  }
}

void check_sha256(Errors& errors, const char* field, const char* label, std::string_view hex) {
  const bool digits = std::all_of(hex.begin(), hex.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
  if (!hex.empty() && (hex.size() != 64 || !digits))
    errors.push_back({field, std::string(label) + " must be 64 lower-case hex digits."});
}

void check_tags(Errors& errors, const char* field, std::span<const std::string> tags) {
  if (tags.size() > kMaxTags) {
    errors.push_back({field, "Use at most " + std::to_string(kMaxTags) + " tags."});
    return;
  }
  std::set<std::string_view> seen;
  for (const std::string& tag : tags) {
    if (is_blank(tag) || tag.size() > kMaxTag || !is_valid_utf8(tag) ||
        has_control_chars(tag, Lines::Single)) {
      errors.push_back(
          {field, "Each tag must be one line of 1 to " + std::to_string(kMaxTag) + " characters."});
      return;
    }
    if (!seen.insert(tag).second) {
      errors.push_back({field, "The tag \"" + tag + "\" is listed twice."});
      return;
    }
  }
}

void check_file_name(Errors& errors, const char* field, const char* label, std::string_view name) {
  const size_t before = errors.size();
  check_text(errors, field, label, name, kMaxFileName, Need::Required);
  if (errors.size() != before) return;
  if (name.find_first_of("/\\") != std::string_view::npos || name == "." || name == "..")
    errors.push_back(
        {field, std::string(label) + " cannot contain / or \\ or be \".\" or \"..\"."});
}

}  // namespace portal::detail
