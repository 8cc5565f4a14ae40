// JSON codecs of the entities carried in frames, snapshots and events.
#include "protocol/json_fields.h"

namespace portal {

using detail::get_int;
using detail::get_string;

Json to_json(const User& u) {
  return {{"id", u.id}, {"org_id", u.org_id}, {"email", u.email}, {"name", u.name},
          {"role", to_string(u.role)}};
}

std::optional<User> user_from_json(const Json& j) {
  auto id = get_string(j, "id"), org = get_string(j, "org_id"), email = get_string(j, "email"),
       name = get_string(j, "name"), role = get_string(j, "role");
  if (!id || !org || !email || !name || !role) return std::nullopt;
  auto r = role_from_string(*role);
  if (!r) return std::nullopt;
  return User{*id, *org, *email, *name, *r};
}

Json to_json(const Organisation& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"kind", to_string(o.kind)},
          {"tier", o.tier},
          {"revenue_share_bp", o.revenue_share_bp},
          {"currency", o.currency},
          {"licences", o.licences}};
}

std::optional<Organisation> organisation_from_json(const Json& j) {
  auto id = get_string(j, "id"), name = get_string(j, "name"), kind = get_string(j, "kind"),
       tier = get_string(j, "tier"), currency = get_string(j, "currency");
  auto share = get_int(j, "revenue_share_bp"), licences = get_int(j, "licences");
  if (!id || !name || !kind || !tier || !currency || !share || !licences) return std::nullopt;
  auto k = org_kind_from_string(*kind);
  if (!k) return std::nullopt;
  return Organisation{*id, *name, *k, *tier, static_cast<int32_t>(*share), *currency,
                      static_cast<int32_t>(*licences)};
}

Json to_json(const LeadDraft& d) {
  return {{"company", d.company}, {"contact", d.contact},         {"email", d.email},
          {"phone", d.phone},     {"notes", d.notes},             {"value_minor", d.value_minor},
          {"currency", d.currency}, {"website", d.website}};
}

std::variant<LeadDraft, std::vector<FieldError>> lead_draft_from_json(const Json& j) {
  std::vector<FieldError> errors;
  LeadDraft d;
  if (!j.is_object()) return std::vector<FieldError>{{"", "The lead must be a JSON object."}};
  auto text = [&](const char* name, std::string& out, bool optional) {
    const Json* f = detail::field(j, name);
    if (f == nullptr || f->is_null()) {
      if (!optional) errors.push_back({name, std::string(name) + " is missing."});
      return;
    }
    if (!f->is_string()) {
      errors.push_back({name, std::string(name) + " must be text."});
      return;
    }
    out = f->get<std::string>();
  };
  text("company", d.company, false);
  text("contact", d.contact, false);
  text("email", d.email, false);
  text("phone", d.phone, true);
  text("notes", d.notes, true);
  text("currency", d.currency, true);
  text("website", d.website, true);
  if (const Json* v = detail::field(j, "value_minor"); v != nullptr && !v->is_null()) {
    if (auto n = get_int(j, "value_minor")) {
      d.value_minor = *n;
    } else {
      errors.push_back({"value_minor", "value_minor must be a whole number of minor units."});
    }
  }
  if (!errors.empty()) return errors;
  return d;
}

Json to_json(const Lead& l) {
  Json j = to_json(l.draft);
  j["id"] = l.id;
  j["org_id"] = l.org_id;
  j["stage"] = to_string(l.stage);
  j["created_by"] = l.created_by;
  j["created_at"] = l.created_at;
  j["closed_at"] = l.closed_at;
  return j;
}

std::optional<Lead> lead_from_json(const Json& j) {
  auto draft = lead_draft_from_json(j);
  if (!std::holds_alternative<LeadDraft>(draft)) return std::nullopt;
  auto id = get_string(j, "id"), org = get_string(j, "org_id"), stage = get_string(j, "stage"),
       by = get_string(j, "created_by");
  auto at = get_int(j, "created_at");
  if (!id || !org || !stage || !by || !at) return std::nullopt;
  auto st = lead_stage_from_string(*stage);
  if (!st) return std::nullopt;
  // closed_at came after the first clients: a frame without it is an open lead.
  if (const Json* c = detail::field(j, "closed_at"); c && !c->is_null() && !get_int(j, "closed_at"))
    return std::nullopt;
  return Lead{*id, *org, std::get<LeadDraft>(std::move(draft)), *st, *by, *at,
              get_int(j, "closed_at").value_or(0)};
}

}  // namespace portal
