#include "ui/lead_value.h"

namespace portal::client::ui {

std::optional<int64_t> parse_money_major(std::string_view text) {
  // Drop a leading currency sign or code and surrounding blanks.
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.rfind("\xe2\x82\xac", 0) == 0)
    text.remove_prefix(3);  // €
  else if (!text.empty() && (text.front() == '$' || text.front() == '\xa3'))
    text.remove_prefix(1);
  if (text.size() > 3 && text.substr(0, 3) == "EUR") text.remove_prefix(3);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (text.empty()) return 0;

  int64_t major = 0;
  int64_t cents = 0;
  int decimals = -1;  // -1: before the decimal point
  bool any_digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (decimals < 0) {
        if (major > 10'000'000'000'000LL) return std::nullopt;  // absurd: not an amount
        major = major * 10 + (c - '0');
      } else {
        if (decimals >= 2) return std::nullopt;  // no fractions of a cent
        cents = cents * 10 + (c - '0');
        ++decimals;
      }
    } else if (c == '.' && decimals < 0) {
      decimals = 0;
    } else if ((c == ',' || c == ' ' || c == '\'') && decimals < 0) {
      continue;  // thousands separators
    } else {
      return std::nullopt;
    }
  }
  if (!any_digit) return std::nullopt;
  if (decimals == 1) cents *= 10;
  return major * 100 + cents;
}

}  // namespace portal::client::ui
