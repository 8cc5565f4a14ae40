// Validation of the partner program's commands (model/program.h).
#include <algorithm>
#include <set>

#include "portal/rules/entity_validation.h"
#include "rules/field_checks.h"

namespace portal {

using namespace detail;

std::vector<FieldError> validate_partner_type(const PartnerType& t) {
  Errors e;
  check_id(e, "id", "Partner type", t.id, Need::Optional);
  check_text(e, "name", "Name", t.name, kMaxName, Need::Required);
  check_text(e, "description", "Description", t.description, kMaxDescription, Need::Optional,
             Lines::Multi);
  return e;
}

std::vector<FieldError> validate_partner_level(const PartnerLevel& l,
                                               std::span<const PartnerLevel> siblings) {
  Errors e;
  check_id(e, "id", "Level", l.id, Need::Optional);
  check_id(e, "type_id", "Partner type", l.type_id, Need::Required);
  const size_t before = e.size();
  check_text(e, "level.name", "Level name", l.level.name, kMaxName, Need::Required);
  // The level being edited is among its siblings under its own id: it does not clash with itself.
  auto same_type = [&](const PartnerLevel& o) {
    return o.type_id == l.type_id && (l.id.empty() || o.id != l.id);
  };
  if (e.size() == before &&
      std::any_of(siblings.begin(), siblings.end(), [&](const PartnerLevel& o) {
        return same_type(o) && o.level.name == l.level.name;
      }))
    e.push_back(
        {"level.name", "This partner type already has a level called " + l.level.name + "."});
  if (l.level.rank < 0) {
    e.push_back({"level.rank", "Rank cannot be negative."});
  } else if (std::any_of(siblings.begin(), siblings.end(), [&](const PartnerLevel& o) {
               return same_type(o) && o.level.rank == l.level.rank;
             })) {
    e.push_back({"level.rank", "Another level of this partner type has rank " +
                                   std::to_string(l.level.rank) +
                                   "; give each level its own rank."});
  }
  check_share_bp(e, "level.revenue_share_bp", "Revenue share", l.level.revenue_share_bp);
  check_share_bp(e, "level.mdf_accrual_bp", "MDF accrual", l.level.mdf_accrual_bp);
  std::set<KpiKind> kinds;
  for (const LevelRequirement& r : l.level.requirements) {
    if (r.threshold < 0) {
      e.push_back({"level.requirements",
                   std::string(kpi_kind_label(r.kind)) + " threshold cannot be negative."});
      break;
    }
    if (!kinds.insert(r.kind).second) {
      e.push_back({"level.requirements", std::string(kpi_kind_label(r.kind)) +
                                             " is required twice; keep one threshold."});
      break;
    }
  }
  return e;
}

std::vector<FieldError> validate_parameter_category(const ParameterCategory& c) {
  Errors e;
  check_id(e, "id", "Category", c.id, Need::Optional);
  check_text(e, "name", "Name", c.name, kMaxName, Need::Required);
  check_text(e, "description", "Description", c.description, kMaxDescription, Need::Optional,
             Lines::Multi);
  if (std::set<KpiKind>(c.kpis.begin(), c.kpis.end()).size() != c.kpis.size())
    e.push_back({"kpis", "A parameter is listed twice in this category."});
  return e;
}

std::vector<FieldError> validate_partnership(const Partnership& p,
                                             std::span<const Partnership> existing) {
  Errors e;
  check_id(e, "id", "Partnership", p.id, Need::Optional);
  check_id(e, "org_id", "Partner organisation", p.org_id, Need::Required);
  if (!p.org_id.empty() && std::any_of(existing.begin(), existing.end(), [&](const Partnership& o) {
        return o.org_id == p.org_id && (p.id.empty() || o.id != p.id);
      }))
    e.push_back(
        {"org_id", "This organisation already has a partnership; change that one instead."});
  check_id(e, "type_id", "Partner type", p.type_id, Need::Required);
  check_text(e, "level", "Level", p.level, kMaxName, Need::Optional);
  check_share_bp(e, "conditions.revenue_share_bp", "Revenue share", p.conditions.revenue_share_bp);
  check_share_bp(e, "conditions.mdf_accrual_bp", "MDF accrual", p.conditions.mdf_accrual_bp);
  check_range(e, "conditions.payment_terms_days", "Payment terms (days)",
              p.conditions.payment_terms_days, 0, kMaxPaymentTermsDays);
  check_text(e, "conditions.notes", "Conditions", p.conditions.notes, kMaxDescription,
             Need::Optional, Lines::Multi);
  if (!has_room(p, RoomKind::Overview))
    e.push_back({"rooms", "The Overview room is always on: it is where partners land."});
  check_id(e, "manager_id", "Partner manager", p.manager_id, Need::Optional);
  check_id(e, "price_list_id", "Price list", p.price_list_id, Need::Optional);
  check_time(e, "started_at", "Start date", p.started_at, Need::Required);
  check_not_before(e, "ends_at", "End date", p.ends_at, "Start date", p.started_at);
  return e;
}

std::vector<FieldError> validate_parameter_change(const ParameterChange& c) {
  Errors e;
  check_id(e, "id", "Change", c.id, Need::Optional);
  check_id(e, "partnership_id", "Partnership", c.partnership_id, Need::Required);
  check_text(e, "old_value", "Old value", c.old_value, kMaxTitle, Need::Optional);
  const size_t before = e.size();
  check_text(e, "new_value", "New value", c.new_value, kMaxTitle, Need::Required);
  if (e.size() == before && c.old_value == c.new_value)
    e.push_back({"new_value", "The new value is the same as the old one."});
  check_text(e, "reason", "Reason", c.reason, kMaxDescription, Need::Optional, Lines::Multi);
  check_time(e, "effective_from", "Effective date", c.effective_from, Need::Required);
  check_id(e, "changed_by", "Changed by", c.changed_by, Need::Optional);
  check_time(e, "changed_at", "Change date", c.changed_at, Need::Optional);
  return e;
}

std::vector<FieldError> validate_price_list(const PriceList& l) {
  Errors e;
  check_id(e, "id", "Price list", l.id, Need::Optional);
  check_id(e, "partnership_id", "Partnership", l.partnership_id, Need::Required);
  check_text(e, "name", "Name", l.name, kMaxTitle, Need::Required);
  check_currency(e, "currency", l.currency);
  check_time(e, "valid_from", "Valid from", l.valid_from, Need::Optional);
  check_not_before(e, "valid_until", "Valid until", l.valid_until, "Valid from", l.valid_from);
  std::set<std::string_view> skus;
  check_rows(
      e, "items", "Item", l.items, kMaxLines, Need::Optional,
      [&](Errors& r, const PriceItem& item, const std::string& row) {
        check_text(r, "", (row + " SKU").c_str(), item.sku, kMaxShortText, Need::Required);
        check_text(r, "", (row + " name").c_str(), item.name, kMaxTitle, Need::Required);
        check_money(r, "", (row + " list price").c_str(), item.list_price, 0, kMaxAmountMinor);
        check_share_bp(r, "", (row + " discount").c_str(), item.discount_bp);
        if (r.empty() && is_valid_currency(l.currency) && item.list_price.currency != l.currency)
          r.push_back({"", row + " is priced in " + item.list_price.currency +
                               ", not in the list's currency " + l.currency + "."});
        if (r.empty() && !skus.insert(item.sku).second)
          r.push_back({"", row + " repeats the SKU " + item.sku + "."});
      });
  return e;
}

std::vector<FieldError> validate_licence(const Licence& l) {
  Errors e;
  check_id(e, "id", "Licence", l.id, Need::Optional);
  check_id(e, "org_id", "Organisation", l.org_id, Need::Required);
  check_range(e, "seats", "Seats", l.seats, 1, kMaxSeats);
  check_time(e, "valid_from", "Valid from", l.valid_from, Need::Optional);
  check_not_before(e, "valid_until", "Valid until", l.valid_until, "Valid from", l.valid_from);
  check_id(e, "granted_by", "Granted by", l.granted_by, Need::Optional);
  check_time(e, "granted_at", "Grant date", l.granted_at, Need::Optional);
  return e;
}

std::vector<FieldError> validate_invitation(const Invitation& i) {
  Errors e;
  check_id(e, "id", "Invitation", i.id, Need::Optional);
  check_id(e, "org_id", "Organisation", i.org_id, Need::Required);
  check_email(e, "email", "E-mail", i.email);
  if (i.role == Role::Kiosk)
    e.push_back({"role", "Kiosk screens are not invited; set them up as a kiosk instead."});
  check_sha256(e, "token_hash", "The invitation token hash", i.token_hash);
  check_id(e, "invited_by", "Invited by", i.invited_by, Need::Optional);
  check_time(e, "created_at", "Invitation date", i.created_at, Need::Optional);
  check_not_before(e, "expires_at", "Expiry date", i.expires_at, "Invitation date", i.created_at);
  if (!i.accepted && i.accepted_at != 0)
    e.push_back({"accepted_at", "An invitation that was not accepted has no acceptance date."});
  else
    check_not_before(e, "accepted_at", "Acceptance date", i.accepted_at, "Invitation date",
                     i.created_at);
  return e;
}

}  // namespace portal
