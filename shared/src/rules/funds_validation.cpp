// Validation of MDF bookings and marketing activities (model/funds.h). The no-overdraft rule
// needs the ledger and lives in check_booking.
#include "portal/rules/entity_validation.h"
#include "rules/field_checks.h"

namespace portal {

using namespace detail;

std::vector<FieldError> validate_mdf_entry(const MdfEntry& m) {
  Errors e;
  check_id(e, "id", "Booking", m.id, Need::Optional);
  check_id(e, "org_id", "Partner organisation", m.org_id, Need::Required);
  check_money(e, "amount", "Amount", m.amount, 1, kMaxAmountMinor);
  check_text(e, "description", "Description", m.description, kMaxTitle, Need::Required);
  check_id(e, "activity_id", "Marketing activity", m.activity_id, Need::Optional);
  if (m.direction == MdfDirection::Credit && !m.activity_id.empty())
    e.push_back({"activity_id", "Only a debit pays for a marketing activity."});
  check_id(e, "booked_by", "Booked by", m.booked_by, Need::Optional);
  check_time(e, "booked_at", "Booking date", m.booked_at, Need::Optional);
  return e;
}

std::vector<FieldError> validate_marketing_activity(const MarketingActivity& a) {
  Errors e;
  check_id(e, "id", "Activity", a.id, Need::Optional);
  check_id(e, "org_id", "Partner organisation", a.org_id, Need::Required);
  check_text(e, "title", "Title", a.title, kMaxTitle, Need::Required);
  check_text(e, "description", "Description", a.description, kMaxDescription, Need::Optional,
             Lines::Multi);
  check_time(e, "starts_at", "Start date", a.starts_at, Need::Required);
  check_not_before(e, "ends_at", "End date", a.ends_at, "Start date", a.starts_at);
  check_money(e, "budget", "Budget", a.budget, 0, kMaxAmountMinor);
  const size_t before = e.size();
  check_money(e, "mdf_requested", "MDF requested", a.mdf_requested, 0, kMaxAmountMinor);
  if (e.size() == before && a.mdf_requested.minor > 0) {
    if (a.mdf_requested.currency != a.budget.currency)
      e.push_back({"mdf_requested", "MDF requested must be in the budget's currency."});
    else if (a.mdf_requested.minor > a.budget.minor)
      e.push_back({"mdf_requested", "MDF requested cannot be more than the budget."});
  }
  check_range(e, "leads_generated", "Leads generated", a.leads_generated, 0, kMaxQuantity);
  return e;
}

}  // namespace portal
