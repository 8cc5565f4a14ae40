// Market development funds (MDF): a ledger of credits (accrued or granted) and debits (spent on
// marketing activities) per partner, and the marketing activities themselves. The balance never
// goes below zero.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "portal/model/entities.h"

namespace portal {

// [SECTION] Ledger

enum class MdfDirection { Credit, Debit };
// Wire name: "credit", "debit". Label: "Credit", "Debit".
std::string_view to_string(MdfDirection d);
std::optional<MdfDirection> mdf_direction_from_string(std::string_view s);
std::string_view mdf_direction_label(MdfDirection d);

// One booking on a partner's MDF account. The amount is always positive; the direction signs it.
struct MdfEntry {
  Id id;
  Id org_id;
  MdfDirection direction = MdfDirection::Credit;
  Money amount;
  std::string description;  // "Q3 accrual, 2 % of €120k" / "Trade fair booth"
  Id activity_id;           // the marketing activity a debit pays for; may be empty
  Id booked_by;
  UnixTime booked_at = 0;
  friend bool operator==(const MdfEntry&, const MdfEntry&) = default;
};

// Credits minus debits in `currency` (entries in other currencies are left out).
int64_t mdf_balance(std::span<const MdfEntry> ledger, const std::string& currency);

struct MdfCheck {
  bool allowed = false;
  std::string refusal;  // empty when allowed
  friend bool operator==(const MdfCheck&, const MdfCheck&) = default;
};

// May `entry` be booked on `ledger`? Credits always may; a debit may not take the balance in its
// currency below zero: "This debit of €500.00 would take the MDF balance of €300.00 below zero."
MdfCheck check_booking(std::span<const MdfEntry> ledger, const MdfEntry& entry);

// [SECTION] Marketing activities

enum class ActivityKind { Event, Webinar, Campaign, Advertising, Content, Other };
// Wire name: "event", "webinar", "campaign", "advertising", "content", "other".
std::string_view to_string(ActivityKind k);
std::optional<ActivityKind> activity_kind_from_string(std::string_view s);
std::string_view activity_kind_label(ActivityKind k);

enum class ActivityStatus { Proposed, Approved, Running, Completed, Rejected, Cancelled };
// Wire name: "proposed", "approved", "running", "completed", "rejected", "cancelled".
std::string_view to_string(ActivityStatus s);
std::optional<ActivityStatus> activity_status_from_string(std::string_view s);
std::string_view activity_status_label(ActivityStatus s);

// A partner's marketing activity, possibly funded from MDF.
struct MarketingActivity {
  Id id;
  Id org_id;
  std::string title;
  std::string description;
  ActivityKind kind = ActivityKind::Campaign;
  ActivityStatus status = ActivityStatus::Proposed;
  UnixTime starts_at = 0;
  UnixTime ends_at = 0;
  Money budget;         // total cost
  Money mdf_requested;  // the part to be paid from MDF; at most the budget
  int32_t leads_generated = 0;
  friend bool operator==(const MarketingActivity&, const MarketingActivity&) = default;
};

}  // namespace portal
