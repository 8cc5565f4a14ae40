// Field validation shared by client (instant feedback) and server (authority).
// Every problem is reported once, with the field it belongs to and a sentence for the user.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/entities.h"

namespace portal {

struct FieldError {
  std::string field;    // "email"
  std::string message;  // "Enter an e-mail address like name@company.com."
  friend bool operator==(const FieldError&, const FieldError&) = default;
};

// Limits every input is held to (bytes of UTF-8).
inline constexpr size_t kMaxEmail = 254;
inline constexpr size_t kMaxPassword = 256;
inline constexpr size_t kMinPassword = 8;
inline constexpr size_t kMaxName = 120;
inline constexpr size_t kMaxPhone = 40;
inline constexpr size_t kMaxNotes = 4000;
inline constexpr int64_t kMaxLeadValueMinor = 100'000'000'000;  // 1 bn in major units

bool is_valid_email(std::string_view s);
bool is_valid_currency(std::string_view s);  // three upper-case ASCII letters
bool is_valid_utf8(std::string_view s);

// Log-in form: e-mail present and well-formed, password present and within limits.
std::vector<FieldError> validate_login(std::string_view email, std::string_view password);
// "Submit lead" form. Trims nothing: callers pass what the user typed; leading/trailing spaces
// are allowed, an all-blank required field is not.
std::vector<FieldError> validate_lead(const LeadDraft& d);

}  // namespace portal
