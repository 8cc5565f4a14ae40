#include "store/sqlite_rows.h"

namespace portal::server::sqlite {

User read_user(const Query& q) {
  User u;
  u.id = q.column_text(0);
  u.org_id = q.column_text(1);
  u.email = q.column_text(2);
  u.name = q.column_text(3);
  u.role = role_from_string(q.column_text(4)).value_or(Role::PartnerUser);
  return u;
}

Organisation read_org(const Query& q) {
  Organisation o;
  o.id = q.column_text(0);
  o.name = q.column_text(1);
  o.kind = org_kind_from_string(q.column_text(2)).value_or(OrgKind::Partner);
  o.tier = q.column_text(3);
  o.revenue_share_bp = static_cast<int32_t>(q.column_int(4));
  o.currency = q.column_text(5);
  o.licences = static_cast<int32_t>(q.column_int(6));
  return o;
}

LeadRecord read_lead_record(const Query& q) {
  LeadRecord r;
  Lead& l = r.lead;
  l.id = q.column_text(0);
  l.org_id = q.column_text(1);
  l.draft.company = q.column_text(2);
  l.draft.contact = q.column_text(3);
  l.draft.email = q.column_text(4);
  l.draft.phone = q.column_text(5);
  l.draft.notes = q.column_text(6);
  l.draft.value_minor = q.column_int(7);
  l.draft.currency = q.column_text(8);
  l.stage = lead_stage_from_string(q.column_text(9)).value_or(LeadStage::Submitted);
  l.created_by = q.column_text(10);
  l.created_at = q.column_int(11);
  l.draft.website = q.column_text(12);
  r.updated_at = q.column_int(13);
  l.closed_at = q.column_int(14);
  r.deal_id = q.column_text(15);
  return r;
}

Deal read_deal(const Query& q) {
  Deal d;
  d.id = q.column_text(0);
  d.org_id = q.column_text(1);
  d.name = q.column_text(2);
  d.customer = q.column_text(3);
  d.stage = deal_stage_from_string(q.column_text(4)).value_or(DealStage::Prospecting);
  d.value.minor = q.column_int(5);
  d.value.currency = q.column_text(6);
  d.commission_paid = q.column_int(7) != 0;
  d.updated_at = q.column_int(8);
  d.notes = q.column_text(9);
  d.lead_id = q.column_text(10);
  d.won_at = q.column_int(11);
  d.created_at = q.column_int(12);
  d.commission_bp = static_cast<int32_t>(q.column_int(13));
  return d;
}

void write_deal(Database& db, const Deal& d) {
  db.query(
        "INSERT INTO deals (id, org_id, name, customer, stage, value_minor, currency, "
        "commission_paid, updated_at, notes, lead_id, won_at, created_at, commission_bp) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
        "stage = excluded.stage, value_minor = excluded.value_minor, "
        "commission_paid = excluded.commission_paid, updated_at = excluded.updated_at, "
        "notes = excluded.notes, won_at = excluded.won_at, "
        "commission_bp = excluded.commission_bp")
      .bind(1, d.id)
      .bind(2, d.org_id)
      .bind(3, d.name)
      .bind(4, d.customer)
      .bind(5, to_string(d.stage))
      .bind(6, d.value.minor)
      .bind(7, d.value.currency)
      .bind(8, int64_t{d.commission_paid ? 1 : 0})
      .bind(9, d.updated_at)
      .bind(10, d.notes)
      .bind(11, d.lead_id)
      .bind(12, d.won_at)
      .bind(13, d.created_at)
      .bind(14, int64_t{d.commission_bp})
      .run();
}

}  // namespace portal::server::sqlite
