// The entities the walking skeleton stores. Ids are opaque random strings made by the server.
// Times are UTC seconds since the epoch.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "portal/model/money.h"
#include "portal/model/role.h"

namespace portal {

using Id = std::string;
using UnixTime = int64_t;
inline constexpr int64_t kSecondsPerDay = 86'400;

enum class OrgKind { Vendor, Partner };
std::string_view to_string(OrgKind k);
std::optional<OrgKind> org_kind_from_string(std::string_view s);

struct Organisation {
  Id id;
  std::string name;
  OrgKind kind = OrgKind::Partner;
  std::string tier;             // "Gold"; empty for the vendor
  int32_t revenue_share_bp = 0; // 1500 = 15 %
  std::string currency = "EUR";
  int32_t licences = 0;         // portal seats
};

struct User {
  Id id;
  Id org_id;
  std::string email;
  std::string name;
  Role role = Role::PartnerUser;
};

enum class LeadStage { Submitted, Qualified, Demo, Proposal, Won, Lost, Rejected };
std::string_view to_string(LeadStage s);
std::optional<LeadStage> lead_stage_from_string(std::string_view s);
std::string_view lead_stage_label(LeadStage s);
bool is_open(LeadStage s);

// What a partner types into the "Submit lead" form.
struct LeadDraft {
  std::string company;
  std::string contact;
  std::string email;
  std::string phone;
  std::string notes;
  int64_t value_minor = 0;
  std::string currency = "EUR";
  std::string website;          // the prospect's web address; may be empty
  friend bool operator==(const LeadDraft&, const LeadDraft&) = default;
};

struct Lead {
  Id id;
  Id org_id;
  LeadDraft draft;
  LeadStage stage = LeadStage::Submitted;
  Id created_by;
  UnixTime created_at = 0;
  UnixTime closed_at = 0;       // when it reached won, lost or rejected; 0 while open
  friend bool operator==(const Lead&, const Lead&) = default;
};

}  // namespace portal

namespace portal {

enum class DealStage { Prospecting, Qualification, Proposal, Negotiation, ClosedWon, ClosedLost };
std::string_view to_string(DealStage s);
std::optional<DealStage> deal_stage_from_string(std::string_view s);
std::string_view deal_stage_label(DealStage s);

struct Deal {
  Id id;
  Id org_id;
  std::string name;
  std::string customer;
  DealStage stage = DealStage::Prospecting;
  Money value;
  bool commission_paid = false;
  UnixTime updated_at = 0;
  UnixTime won_at = 0;            // when it closed won; 0 otherwise
  // The partner's revenue share in force when the deal was won (0 while open or lost). It is
  // locked in then: a later tier change never alters the commission of a deal already won.
  int32_t commission_bp = 0;
  std::string notes;              // the deal's description, in words
  Id lead_id;                     // the registration it came from; may be empty
  Id account_id;                  // the customer account; may be empty
  UnixTime expected_close_at = 0; // forecast date; 0 = not forecast
  UnixTime created_at = 0;
  friend bool operator==(const Deal&, const Deal&) = default;
};

}  // namespace portal
