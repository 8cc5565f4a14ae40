// JSON codecs of deals, deal notes, orders and payouts (model/pipeline.h, model/entities.h).
#include "portal/protocol/model_codecs.h"
#include "protocol/common_codec.h"

namespace portal {

inline std::optional<DealStage> parse_enum(std::type_identity<DealStage>, std::string_view s) {
  return deal_stage_from_string(s);
}
inline std::optional<OrderStatus> parse_enum(std::type_identity<OrderStatus>, std::string_view s) {
  return order_status_from_string(s);
}
inline std::optional<PayoutStatus> parse_enum(std::type_identity<PayoutStatus>,
                                              std::string_view s) {
  return payout_status_from_string(s);
}

template <class V>
void visit_fields(V& v, Deal& d) {
  v("id", d.id);
  v("org_id", d.org_id);
  v("name", d.name);
  v("customer", d.customer);
  v("stage", d.stage);
  v("value", d.value);
  v("commission_paid", d.commission_paid);
  v("updated_at", d.updated_at);
  v("won_at", d.won_at);
  v("commission_bp", d.commission_bp);
  v("notes", d.notes);
  v("lead_id", d.lead_id);
  v("account_id", d.account_id);
  v("expected_close_at", d.expected_close_at);
  v("created_at", d.created_at);
}

template <class V>
void visit_fields(V& v, DealNote& n) {
  v("id", n.id);
  v("deal_id", n.deal_id);
  v("author_id", n.author_id);
  v("body", n.body);
  v("created_at", n.created_at);
}

template <class V>
void visit_fields(V& v, OrderLine& l) {
  v("sku", l.sku);
  v("description", l.description);
  v("quantity", l.quantity);
  v("unit_price", l.unit_price);
}

template <class V>
void visit_fields(V& v, Order& o) {
  v("id", o.id);
  v("org_id", o.org_id);
  v("deal_id", o.deal_id);
  v("account_id", o.account_id);
  v("number", o.number);
  v("status", o.status);
  v("currency", o.currency);
  v("lines", o.lines);
  v("ordered_at", o.ordered_at);
}

template <class V>
void visit_fields(V& v, Payout& p) {
  v("id", p.id);
  v("org_id", p.org_id);
  v("deal_ids", p.deal_ids);
  v("amount", p.amount);
  v("status", p.status);
  v("period_from", p.period_from);
  v("period_to", p.period_to);
  v("paid_at", p.paid_at);
  v("reference", p.reference);
}

using detail::decode_entity;
using detail::encode_entity;

Json to_json(const Deal& v) {
  return encode_entity(v);
}
Json to_json(const DealNote& v) {
  return encode_entity(v);
}
Json to_json(const Order& v) {
  return encode_entity(v);
}
Json to_json(const Payout& v) {
  return encode_entity(v);
}
std::optional<Deal> deal_from_json(const Json& j) {
  return decode_entity<Deal>(j);
}
std::optional<DealNote> deal_note_from_json(const Json& j) {
  return decode_entity<DealNote>(j);
}
std::optional<Order> order_from_json(const Json& j) {
  return decode_entity<Order>(j);
}
std::optional<Payout> payout_from_json(const Json& j) {
  return decode_entity<Payout>(j);
}

}  // namespace portal
