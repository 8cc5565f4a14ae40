#include "portal/model/funds.h"

#include "model/name_table.h"

namespace portal {
namespace {

using detail::NameTable;

constexpr NameTable<MdfDirection, 2> kDirections{{{{"credit", "Credit"}, {"debit", "Debit"}}}};

constexpr NameTable<ActivityKind, 6> kActivityKinds{{{
    {"event", "Event"},
    {"webinar", "Webinar"},
    {"campaign", "Campaign"},
    {"advertising", "Advertising"},
    {"content", "Content"},
    {"other", "Other"},
}}};

constexpr NameTable<ActivityStatus, 6> kActivityStatuses{{{
    {"proposed", "Proposed"},
    {"approved", "Approved"},
    {"running", "Running"},
    {"completed", "Completed"},
    {"rejected", "Rejected"},
    {"cancelled", "Cancelled"},
}}};

}  // namespace

std::string_view to_string(MdfDirection d) {
  return kDirections.wire(d);
}
std::optional<MdfDirection> mdf_direction_from_string(std::string_view s) {
  return kDirections.parse(s);
}
std::string_view mdf_direction_label(MdfDirection d) {
  return kDirections.label(d);
}

std::string_view to_string(ActivityKind k) {
  return kActivityKinds.wire(k);
}
std::optional<ActivityKind> activity_kind_from_string(std::string_view s) {
  return kActivityKinds.parse(s);
}
std::string_view activity_kind_label(ActivityKind k) {
  return kActivityKinds.label(k);
}

std::string_view to_string(ActivityStatus s) {
  return kActivityStatuses.wire(s);
}
std::optional<ActivityStatus> activity_status_from_string(std::string_view s) {
  return kActivityStatuses.parse(s);
}
std::string_view activity_status_label(ActivityStatus s) {
  return kActivityStatuses.label(s);
}

int64_t mdf_balance(std::span<const MdfEntry> ledger, const std::string& currency) {
  int64_t balance = 0;
  for (const MdfEntry& e : ledger) {
    if (e.amount.currency != currency) continue;
    balance += e.direction == MdfDirection::Credit ? e.amount.minor : -e.amount.minor;
  }
  return balance;
}

MdfCheck check_booking(std::span<const MdfEntry> ledger, const MdfEntry& entry) {
  if (entry.direction == MdfDirection::Credit) return {true, ""};
  const std::string& currency = entry.amount.currency;
  const int64_t balance = mdf_balance(ledger, currency);
  if (entry.amount.minor <= balance) return {true, ""};
  return {false, "This debit of " + format_money(entry.amount) + " would take the MDF balance of " +
                     format_money(Money{balance, currency}) + " below zero."};
}

}  // namespace portal
