#include "store/sqlite_rows.h"

namespace portal::server::sqlite {

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
  return d;
}

}  // namespace portal::server::sqlite
