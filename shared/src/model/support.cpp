#include "portal/model/support.h"

#include "model/name_table.h"
#include "model/text_search.h"

namespace portal {
namespace {

using detail::NameTable;

constexpr NameTable<CasePriority, 4> kPriorities{{{
    {"low", "Low"},
    {"normal", "Normal"},
    {"high", "High"},
    {"urgent", "Urgent"},
}}};

constexpr NameTable<CaseStatus, 5> kCaseStatuses{{{
    {"open", "Open"},
    {"in_progress", "In progress"},
    {"waiting_on_partner", "Waiting on partner"},
    {"resolved", "Resolved"},
    {"closed", "Closed"},
}}};

}  // namespace

std::string_view to_string(CasePriority p) {
  return kPriorities.wire(p);
}
std::optional<CasePriority> case_priority_from_string(std::string_view s) {
  return kPriorities.parse(s);
}
std::string_view case_priority_label(CasePriority p) {
  return kPriorities.label(p);
}

std::string_view to_string(CaseStatus s) {
  return kCaseStatuses.wire(s);
}
std::optional<CaseStatus> case_status_from_string(std::string_view s) {
  return kCaseStatuses.parse(s);
}
std::string_view case_status_label(CaseStatus s) {
  return kCaseStatuses.label(s);
}
bool is_open(CaseStatus s) {
  return s == CaseStatus::Open || s == CaseStatus::InProgress || s == CaseStatus::WaitingOnPartner;
}

bool matches_search(const KbArticle& a, std::string_view query) {
  return a.published && detail::matches_words(query, {a.title, a.body, a.category}, a.tags);
}

}  // namespace portal
