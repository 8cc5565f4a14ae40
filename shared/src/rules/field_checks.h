// Checks shared by every validate_* function. Each adds at most one FieldError for its field, a
// full sentence naming the field by its label. Private to portal_core's sources.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/money.h"
#include "portal/rules/validation.h"

namespace portal::detail {

using Errors = std::vector<FieldError>;

enum class Need { Optional, Required };
enum class Lines { Single, Multi };

// True when every byte is ASCII white space (also for the empty string).
bool is_blank(std::string_view s);
// True for ASCII control characters; tab, CR and LF count only when newlines are not allowed.
bool has_control_chars(std::string_view s, Lines lines);

// "Start date" -> "start date", for a label inside a sentence.
std::string lower_first(std::string_view label);

// Free text: present if required, at most `max` bytes, valid UTF-8, no control characters.
void check_text(Errors& errors, const char* field, const char* label, std::string_view value,
                size_t max, Need need, Lines lines = Lines::Single);
// A reference to another entity: present if required, at most kMaxIdBytes of visible ASCII.
void check_id(Errors& errors, const char* field, const char* label, std::string_view id, Need need);
// A list of references: each valid, none repeated, at most `max` of them; at least one if required.
void check_ids(Errors& errors, const char* field, const char* label,
               std::span<const std::string> ids, size_t max, Need need);
// An e-mail address (required).
void check_email(Errors& errors, const char* field, const char* label, std::string_view value);
// A phone number of digits and + - ( ) . / spaces with at least five digits; empty when optional.
void check_phone(Errors& errors, const char* field, std::string_view value, Need need);
// A three-letter currency code like EUR.
void check_currency(Errors& errors, const char* field, std::string_view currency);
// An amount in [min_minor, max_minor] with a valid currency; the currency error wins.
void check_money(Errors& errors, const char* field, const char* label, const Money& m,
                 int64_t min_minor, int64_t max_minor);
// A whole number in [min, max].
void check_range(Errors& errors, const char* field, const char* label, int64_t value, int64_t min,
                 int64_t max);
// A share in basis points between 0 % and 100 %.
void check_share_bp(Errors& errors, const char* field, const char* label, int32_t bp);
// A point in time: never negative; not zero (unset) when required.
void check_time(Errors& errors, const char* field, const char* label, UnixTime t, Need need);
// `later` is unset (0) or not before `earlier`; reported on `field` (the later one).
void check_not_before(Errors& errors, const char* field, const char* later_label, UnixTime later,
                      const char* earlier_label, UnixTime earlier);
// A date that belongs to one state (won, paid, done, ...): required while `in_state` holds,
// otherwise unset, else `only_sentence` ("Only a paid payout has a payment date.").
void check_state_date(Errors& errors, const char* field, const char* label, UnixTime t,
                      bool in_state, const char* only_sentence);
// A SHA-256 digest as 64 lower-case hex digits; empty is allowed (not computed yet).
void check_sha256(Errors& errors, const char* field, const char* label, std::string_view hex);
// Tags: at most kMaxTags, each one line of 1..kMaxTag bytes, no tag twice (case-sensitive).
void check_tags(Errors& errors, const char* field, std::span<const std::string> tags);
// A file or folder name: 1..kMaxFileName bytes, no slash, backslash or control character, not
// "." or "..".
void check_file_name(Errors& errors, const char* field, const char* label, std::string_view name);

// A list of rows (order lines, price items, plans): at least one when required, at most `max`,
// and each row checked by `check_row(row_errors, row, "Line 3")`. Reports one error for the whole
// list on `field`: the first bad row's first problem.
template <class Row, class CheckRow>
void check_rows(Errors& errors, const char* field, const char* noun, const std::vector<Row>& rows,
                size_t max, Need need, CheckRow check_row) {
  if (rows.empty()) {
    if (need == Need::Required)
      errors.push_back({field, "Add at least one " + lower_first(noun) + "."});
    return;
  }
  if (rows.size() > max) {
    errors.push_back(
        {field, "Use at most " + std::to_string(max) + " " + lower_first(noun) + "s."});
    return;
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    Errors row_errors;
    check_row(row_errors, rows[i], std::string(noun) + " " + std::to_string(i + 1));
    if (!row_errors.empty()) {
      errors.push_back({field, row_errors.front().message});
      return;
    }
  }
}

}  // namespace portal::detail
