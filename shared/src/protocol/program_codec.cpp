// JSON codecs of the partner program (model/program.h). See field_codec.h for the conventions.
#include "portal/protocol/admin_commands.h"
#include "portal/protocol/model_codecs.h"
#include "protocol/common_codec.h"

namespace portal {

inline std::optional<PartnershipStatus> parse_enum(std::type_identity<PartnershipStatus>,
                                                   std::string_view s) {
  return partnership_status_from_string(s);
}
inline std::optional<PartnershipParameter> parse_enum(std::type_identity<PartnershipParameter>,
                                                      std::string_view s) {
  return partnership_parameter_from_string(s);
}

template <class V>
void visit_fields(V& v, PartnerType& t) {
  v("id", t.id);
  v("name", t.name);
  v("description", t.description);
}

template <class V>
void visit_fields(V& v, PartnerLevel& l) {
  v("id", l.id);
  v("type_id", l.type_id);
  v("level", l.level);
}

template <class V>
void visit_fields(V& v, ParameterCategory& c) {
  v("id", c.id);
  v("name", c.name);
  v("description", c.description);
  v("kpis", c.kpis);
}

template <class V>
void visit_fields(V& v, PartnershipConditions& c) {
  v("revenue_share_bp", c.revenue_share_bp);
  v("mdf_accrual_bp", c.mdf_accrual_bp);
  v("payment_terms_days", c.payment_terms_days);
  v("notes", c.notes);
}

template <class V>
void visit_fields(V& v, Partnership& p) {
  v("id", p.id);
  v("org_id", p.org_id);
  v("type_id", p.type_id);
  v("level", p.level);
  v("status", p.status);
  v("conditions", p.conditions);
  v("rooms", p.rooms);
  v("manager_id", p.manager_id);
  v("price_list_id", p.price_list_id);
  v("started_at", p.started_at);
  v("ends_at", p.ends_at);
}

template <class V>
void visit_fields(V& v, ParameterChange& c) {
  v("id", c.id);
  v("partnership_id", c.partnership_id);
  v("parameter", c.parameter);
  v("old_value", c.old_value);
  v("new_value", c.new_value);
  v("reason", c.reason);
  v("effective_from", c.effective_from);
  v("changed_by", c.changed_by);
  v("changed_at", c.changed_at);
}

template <class V>
void visit_fields(V& v, PriceItem& i) {
  v("sku", i.sku);
  v("name", i.name);
  v("list_price", i.list_price);
  v("discount_bp", i.discount_bp);
}

template <class V>
void visit_fields(V& v, PriceList& l) {
  v("id", l.id);
  v("partnership_id", l.partnership_id);
  v("name", l.name);
  v("currency", l.currency);
  v("valid_from", l.valid_from);
  v("valid_until", l.valid_until);
  v("items", l.items);
}

template <class V>
void visit_fields(V& v, Licence& l) {
  v("id", l.id);
  v("org_id", l.org_id);
  v("seats", l.seats);
  v("valid_from", l.valid_from);
  v("valid_until", l.valid_until);
  v("granted_by", l.granted_by);
  v("granted_at", l.granted_at);
}

template <class V>
void visit_fields(V& v, Invitation& i) {
  v("id", i.id);
  v("org_id", i.org_id);
  v("email", i.email);
  v("role", i.role);
  v("token_hash", i.token_hash);
  v("invited_by", i.invited_by);
  v("created_at", i.created_at);
  v("expires_at", i.expires_at);
  v("accepted", i.accepted);
  v("accepted_at", i.accepted_at);
}

using detail::decode_entity;
using detail::encode_entity;

Json to_json(const PartnerType& v) {
  return encode_entity(v);
}
Json to_json(const PartnerLevel& v) {
  return encode_entity(v);
}
Json to_json(const ParameterCategory& v) {
  return encode_entity(v);
}
Json to_json(const Partnership& v) {
  return encode_entity(v);
}
Json to_json(const ParameterChange& v) {
  return encode_entity(v);
}
Json to_json(const PriceList& v) {
  return encode_entity(v);
}
Json to_json(const Licence& v) {
  return encode_entity(v);
}
Json to_json(const Invitation& v) {
  return encode_entity(v);
}
std::optional<PartnerType> partner_type_from_json(const Json& j) {
  return decode_entity<PartnerType>(j);
}
std::optional<PartnerLevel> partner_level_from_json(const Json& j) {
  return decode_entity<PartnerLevel>(j);
}
std::optional<ParameterCategory> parameter_category_from_json(const Json& j) {
  return decode_entity<ParameterCategory>(j);
}
std::optional<Partnership> partnership_from_json(const Json& j) {
  return decode_entity<Partnership>(j);
}
std::optional<ParameterChange> parameter_change_from_json(const Json& j) {
  return decode_entity<ParameterChange>(j);
}
std::optional<PriceList> price_list_from_json(const Json& j) {
  return decode_entity<PriceList>(j);
}
Json to_json(const PriceItem& v) {
  return encode_entity(v);
}
std::optional<PriceItem> price_item_from_json(const Json& j) {
  return decode_entity<PriceItem>(j);
}
std::optional<Licence> licence_from_json(const Json& j) {
  return decode_entity<Licence>(j);
}
std::optional<Invitation> invitation_from_json(const Json& j) {
  return decode_entity<Invitation>(j);
}

}  // namespace portal
