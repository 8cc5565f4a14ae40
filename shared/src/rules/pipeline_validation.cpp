// Validation of deals, deal notes, orders, payouts, customer accounts and their tasks.
#include <set>

#include "portal/rules/entity_validation.h"
#include "rules/field_checks.h"

namespace portal {

using namespace detail;

std::vector<FieldError> validate_deal(const Deal& d) {
  Errors e;
  check_id(e, "id", "Deal", d.id, Need::Optional);
  check_id(e, "org_id", "Partner organisation", d.org_id, Need::Required);
  check_text(e, "name", "Deal name", d.name, kMaxTitle, Need::Required);
  check_text(e, "customer", "Customer", d.customer, kMaxName, Need::Required);
  check_money(e, "value", "Deal value", d.value, 0, kMaxAmountMinor);
  check_time(e, "updated_at", "Last update", d.updated_at, Need::Optional);
  check_state_date(e, "won_at", "Date won", d.won_at, d.stage == DealStage::ClosedWon,
                   "Only a deal that is closed won has a date won.");
  if (d.commission_paid && d.stage != DealStage::ClosedWon)
    e.push_back({"commission_paid", "Commission is paid only on deals that are closed won."});
  check_text(e, "notes", "Notes", d.notes, kMaxNotes, Need::Optional, Lines::Multi);
  check_id(e, "lead_id", "Lead", d.lead_id, Need::Optional);
  check_id(e, "account_id", "Customer account", d.account_id, Need::Optional);
  check_time(e, "expected_close_at", "Expected close date", d.expected_close_at, Need::Optional);
  check_time(e, "created_at", "Creation date", d.created_at, Need::Optional);
  return e;
}

std::vector<FieldError> validate_deal_note(const DealNote& n) {
  Errors e;
  check_id(e, "id", "Note", n.id, Need::Optional);
  check_id(e, "deal_id", "Deal", n.deal_id, Need::Required);
  check_id(e, "author_id", "Author", n.author_id, Need::Optional);
  check_text(e, "body", "Note", n.body, kMaxDescription, Need::Required, Lines::Multi);
  check_time(e, "created_at", "Date", n.created_at, Need::Optional);
  return e;
}

std::vector<FieldError> validate_order(const Order& o) {
  Errors e;
  check_id(e, "id", "Order", o.id, Need::Optional);
  check_id(e, "org_id", "Partner organisation", o.org_id, Need::Required);
  check_id(e, "deal_id", "Deal", o.deal_id, Need::Optional);
  check_id(e, "account_id", "Customer account", o.account_id, Need::Optional);
  check_text(e, "number", "Order number", o.number, kMaxShortText, Need::Required);
  check_currency(e, "currency", o.currency);
  check_rows(
      e, "lines", "Line", o.lines, kMaxLines, Need::Required,
      [&](Errors& r, const OrderLine& line, const std::string& row) {
        check_text(r, "", (row + " SKU").c_str(), line.sku, kMaxShortText, Need::Required);
        check_text(r, "", (row + " description").c_str(), line.description, kMaxTitle,
                   Need::Optional);
        check_range(r, "", (row + " quantity").c_str(), line.quantity, 1, kMaxQuantity);
        check_money(r, "", (row + " unit price").c_str(), line.unit_price, 0, kMaxAmountMinor);
        if (r.empty() && is_valid_currency(o.currency) && line.unit_price.currency != o.currency)
          r.push_back({"", row + " is priced in " + line.unit_price.currency +
                               ", not in the order's currency " + o.currency + "."});
      });
  check_time(e, "ordered_at", "Order date", o.ordered_at, Need::Optional);
  return e;
}

std::vector<FieldError> validate_payout(const Payout& p) {
  Errors e;
  check_id(e, "id", "Payout", p.id, Need::Optional);
  check_id(e, "org_id", "Partner organisation", p.org_id, Need::Required);
  check_ids(e, "deal_ids", "deal", p.deal_ids, kMaxListIds, Need::Optional);
  check_money(e, "amount", "Payout amount", p.amount, 1, kMaxAmountMinor);
  check_time(e, "period_from", "Period start", p.period_from, Need::Required);
  if (p.period_to <= p.period_from)
    e.push_back({"period_to", "The period must end after it starts."});
  check_state_date(e, "paid_at", "Payment date", p.paid_at, p.status == PayoutStatus::Paid,
                   "Only a paid payout has a payment date.");
  check_text(e, "reference", "Reference", p.reference, kMaxShortText, Need::Optional);
  return e;
}

std::vector<FieldError> validate_customer_account(const CustomerAccount& a) {
  Errors e;
  check_id(e, "id", "Account", a.id, Need::Optional);
  check_id(e, "org_id", "Partner organisation", a.org_id, Need::Required);
  check_text(e, "name", "Account name", a.name, kMaxName, Need::Required);
  check_text(e, "website", "Website", a.website, kMaxUrl, Need::Optional);
  check_money(e, "lifetime_revenue", "Lifetime revenue", a.lifetime_revenue, 0, kMaxAmountMinor);
  check_rows(
      e, "plans", "Plan", a.plans, kMaxLines, Need::Optional,
      [](Errors& r, const CommitmentPlan& plan, const std::string& row) {
        check_text(r, "", (row + " name").c_str(), plan.name, kMaxTitle, Need::Optional);
        check_money(r, "", (row + " value").c_str(), plan.value, 0, kMaxAmountMinor);
        check_time(r, "", (row + " expiry").c_str(), plan.expires_at, Need::Optional);
        if (r.empty() && plan.via_cppo && !plan.cppo_eligible)
          r.push_back({"", row + " is sold via a private offer but not marked eligible for one."});
      });
  check_time(e, "created_at", "Creation date", a.created_at, Need::Optional);
  return e;
}

std::vector<FieldError> validate_account_task(const AccountTask& t) {
  Errors e;
  check_id(e, "id", "Task", t.id, Need::Optional);
  check_id(e, "account_id", "Customer account", t.account_id, Need::Required);
  check_text(e, "title", "Title", t.title, kMaxTitle,
             t.kind == AccountTaskKind::Other ? Need::Required : Need::Optional);
  check_id(e, "assignee_id", "Assignee", t.assignee_id, Need::Optional);
  check_time(e, "due_at", "Due date", t.due_at, Need::Optional);
  check_state_date(e, "completed_at", "Completion date", t.completed_at,
                   t.status == TaskStatus::Done, "Only a done task has a completion date.");
  return e;
}

}  // namespace portal
