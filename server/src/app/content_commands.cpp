// The content rooms' commands (protocol/content_commands.h): resources and brand assets,
// contacts, custom rooms, cases and knowledge-base articles, plus the two searches. Each write
// reads what it targets, checks who may do it (rules/permissions.h) and the payload
// (rules/entity_validation.h), then writes the rows, the events and the command record in one
// transaction (Store::apply_content_change), acks and publishes.
//
// Fan-out is where access is decided: an event goes to the vendor's room and to the room of
// exactly the partners that may see the item after the change; partners that saw it before and
// no longer may get a "removed" event. Another organisation's case or contact is answered
// "not_found", never "forbidden": a partner learns nothing about ids that are not its own.
#include <set>
#include <variant>

#include "app/clock.h"
#include "app/content_keys.h"
#include "app/portal_service.h"
#include "auth/tokens.h"
#include "portal/protocol/content_commands.h"
#include "portal/protocol/messaging_commands.h"
#include "portal/protocol/model_codecs.h"
#include "portal/rules/entity_validation.h"
#include "portal/rules/permissions.h"

namespace portal::server {
namespace {

struct Plan {
  ContentChange change;
  std::vector<NewEvent> events;
  Json result;
};

struct Context {
  Actor actor;
  std::string actor_name;
  Id vendor_org;
  UnixTime now;
};

// A search answers at once; it writes nothing and needs no command record.
struct Answer {
  Json result;
};

using Outcome = std::variant<Plan, Answer, Error>;

const char* kCheckFields = "Please check the highlighted fields.";

Error invalid(std::vector<FieldError> fields) {
  return Error{ErrorCode::Validation, kCheckFields, std::move(fields)};
}
Error not_found(const char* what) {
  return Error{ErrorCode::NotFound,
               std::string("That ") + what + " does not exist (or is not yours to see).", {}};
}
Error forbidden(std::string message) { return Error{ErrorCode::Forbidden, std::move(message), {}}; }

// [SECTION] Resources and brand assets

struct CatalogueNames {
  const char* room;     // "resources" / "brand"
  const char* prefix;   // event prefix: "resource" / "brand"
  const char* field;    // the entry's field in an event: "resource" / "asset"
  const char* noun;     // "resource" / "brand asset"
};

CatalogueNames names(CatalogueKind k) {
  if (k == CatalogueKind::Brand) return {"brand", "brand", "asset", "brand asset"};
  return {"resources", "resource", "resource", "resource"};
}

std::optional<Json> entry_json(const CatalogueRecord& r) {
  if (r.kind == CatalogueKind::Brand) {
    auto e = brand_entry(r);
    return e ? std::optional<Json>(to_json(*e)) : std::nullopt;
  }
  auto e = resource_entry(r);
  return e ? std::optional<Json>(to_json(*e)) : std::nullopt;
}

std::vector<FieldError> validate_record(const CatalogueRecord& r) {
  if (r.kind == CatalogueKind::Brand) {
    auto e = brand_entry(r);
    if (!e) return {{"category", "Choose one of the brand categories."}};
    return validate_brand_asset(e->asset);
  }
  auto e = resource_entry(r);
  if (!e) return {{"category", "Choose one of the resource categories."}};
  return validate_resource(e->resource);
}

// The partners an audience reaches (nothing for an archived entry).
std::set<Id> reached(const std::vector<PartnerRef>& partners, const CatalogueRecord* r) {
  std::set<Id> out;
  if (r == nullptr || r->archived_at != 0) return out;
  for (const PartnerRef& p : partners)
    if (reaches(r->audience, p.org_id, p.type_id)) out.insert(p.org_id);
  return out;
}

// The events of a catalogue change from `before` (nothing for a new entry) to `after`.
void fan_out_catalogue(Plan& plan, Store& store, const CatalogueRecord* before,
                       const CatalogueRecord& after, bool is_new) {
  const CatalogueNames n = names(after.kind);
  const std::string upsert = std::string(n.prefix) + (is_new ? ".published" : ".updated");
  const std::string removed = std::string(n.prefix) + ".removed";
  const Json removed_data = {{"id", after.id}};
  const std::optional<Json> entry = entry_json(after);
  const Json upsert_data = {{n.field, entry.value_or(Json::object())}};
  const std::vector<PartnerRef> partners = store.partner_refs();
  const std::set<Id> was = reached(partners, before);
  const std::set<Id> now = reached(partners, &after);
  const bool live = after.archived_at == 0;
  plan.events.push_back({content_vendor_key(n.room), live ? upsert : removed,
                         live ? upsert_data : removed_data});
  for (const Id& org : now) plan.events.push_back({content_partner_key(org, n.room), upsert, upsert_data});
  for (const Id& org : was)
    if (!now.contains(org))
      plan.events.push_back({content_partner_key(org, n.room), removed, removed_data});
}

// Checks the audience names a real partner or partner type.
std::optional<Error> check_audience(const Audience& a, Store& store) {
  if (a.kind == AudienceKind::Partner &&
      (a.id.size() > kMaxIdBytes || !store.partner_ref(a.id)))
    return invalid({{"audience", "That partner organisation does not exist."}});
  if (a.kind == AudienceKind::PartnerType &&
      (a.id.size() > kMaxIdBytes || !store.partner_type_exists(a.id)))
    return invalid({{"audience", "That partner type does not exist."}});
  return std::nullopt;
}

Outcome plan_catalogue_save(const Context& c, const CommandFrame& f, Store& store,
                            CatalogueKind kind, bool is_new) {
  const CatalogueNames n = names(kind);
  if (!may_publish_content(c.actor, c.vendor_org))
    return forbidden(std::string("Only the vendor's team publishes ") + n.noun + "s.");
  auto parsed = catalogue_request_from_json(f.payload, !is_new);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  CatalogueRequest& req = std::get<CatalogueRequest>(parsed);
  std::optional<CatalogueRecord> before;
  if (!is_new) {
    before = req.id.size() <= kMaxIdBytes ? store.find_catalogue_entry(req.id) : std::nullopt;
    if (!before || before->kind != kind || before->archived_at != 0) return not_found(n.noun);
  }
  if (auto e = check_audience(*req.audience, store)) return *e;
  CatalogueRecord r;
  r.kind = kind;
  r.id = is_new ? new_id() : before->id;
  r.category = std::move(req.category);
  r.title = std::move(req.title);
  r.description = std::move(req.description);
  r.file_id = std::move(req.file_id);
  r.tags = std::move(req.tags);
  r.audience = *req.audience;
  r.published_at = is_new ? c.now : before->published_at;
  r.updated_at = c.now;
  if (auto fields = validate_record(r); !fields.empty()) return invalid(fields);
  Plan plan;
  fan_out_catalogue(plan, store, before ? &*before : nullptr, r, is_new);
  plan.result = {{"id", r.id}};
  plan.change.catalogue = std::move(r);
  return plan;
}

Outcome plan_catalogue_archive(const Context& c, const CommandFrame& f, Store& store,
                               CatalogueKind kind) {
  const CatalogueNames n = names(kind);
  if (!may_publish_content(c.actor, c.vendor_org))
    return forbidden(std::string("Only the vendor's team archives ") + n.noun + "s.");
  auto parsed = id_request_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  std::optional<CatalogueRecord> before = store.find_catalogue_entry(std::get<Id>(parsed));
  if (!before || before->kind != kind || before->archived_at != 0) return not_found(n.noun);
  CatalogueRecord r = *before;
  r.archived_at = c.now;
  r.updated_at = c.now;
  Plan plan;
  fan_out_catalogue(plan, store, &*before, r, false);
  plan.result = {{"id", r.id}};
  plan.change.catalogue = std::move(r);
  return plan;
}

// What a read is scoped to: nothing for the vendor's staff, else the actor's own partner.
std::optional<ContentScope> scope_of(const Context& c, Store& store) {
  if (is_vendor_actor(c.actor, c.vendor_org)) return std::nullopt;
  auto ref = store.partner_ref(c.actor.org_id);
  if (!ref) return ContentScope{c.actor.org_id, {}, {}};
  return ContentScope{ref->org_id, ref->type_id, ref->partnership_id};
}

Outcome plan_resource_search(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = search_request_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  const SearchRequest& req = std::get<SearchRequest>(parsed);
  if (!req.category.empty() && !resource_category_from_string(req.category))
    return invalid({{"category", "Choose one of the resource categories."}});
  auto match = fts_match_expression(req.query);
  if (!match) return invalid({{"query", "Type a word to search for."}});
  Json hits = Json::array();
  for (const CatalogueRecord& r : store.search_catalogue(CatalogueKind::Resource,
                                                         scope_of(c, store), *match,
                                                         req.category, kMaxContentHits))
    if (auto e = resource_entry(r)) hits.push_back(to_json(*e));
  return Answer{{{"resources", std::move(hits)}}};
}

// [SECTION] Knowledge base

// Partners see published articles only; the vendor's room sees drafts too.
void fan_out_article(Plan& plan, Store& store, const std::optional<KbArticle>& before,
                     const std::optional<KbArticle>& after, const Id& id) {
  const std::string room(kCasesRoom);
  const Json removed = {{"id", id}};
  plan.events.push_back({content_vendor_key(room), after ? "kb.saved" : "kb.removed",
                         after ? Json{{"article", to_json(*after)}} : removed});
  const bool was = before && before->published;
  const bool is = after && after->published;
  if (!was && !is) return;
  for (const PartnerRef& p : store.partner_refs()) {
    if (is)
      plan.events.push_back(
          {content_partner_key(p.org_id, room), "kb.saved", {{"article", to_json(*after)}}});
    else
      plan.events.push_back({content_partner_key(p.org_id, room), "kb.removed", removed});
  }
}

Outcome plan_kb_save(const Context& c, const CommandFrame& f, Store& store) {
  if (!may_publish_content(c.actor, c.vendor_org))
    return forbidden("Only the vendor's team writes knowledge-base articles.");
  auto parsed = kb_request_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  KbArticle a = std::move(std::get<KbArticle>(parsed));
  std::optional<KbArticle> before;
  if (!a.id.empty()) {
    before = a.id.size() <= kMaxIdBytes ? store.find_kb_article(a.id) : std::nullopt;
    if (!before) return not_found("article");
    a.author_id = before->author_id;
  } else {
    a.id = new_id();
    a.author_id = c.actor.user_id;
  }
  a.updated_at = c.now;
  if (auto fields = validate_kb_article(a); !fields.empty()) return invalid(fields);
  Plan plan;
  fan_out_article(plan, store, before, a, a.id);
  plan.result = {{"id", a.id}};
  plan.change.article = std::move(a);
  return plan;
}

Outcome plan_kb_remove(const Context& c, const CommandFrame& f, Store& store) {
  if (!may_publish_content(c.actor, c.vendor_org))
    return forbidden("Only the vendor's team removes knowledge-base articles.");
  auto parsed = id_request_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  std::optional<KbArticle> before = store.find_kb_article(std::get<Id>(parsed));
  if (!before) return not_found("article");
  Plan plan;
  fan_out_article(plan, store, before, std::nullopt, before->id);
  plan.result = {{"id", before->id}};
  plan.change.removed_article = before->id;
  return plan;
}

Outcome plan_kb_search(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = search_request_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  auto match = fts_match_expression(std::get<SearchRequest>(parsed).query);
  if (!match) return invalid({{"query", "Type a word to search for."}});
  const bool drafts = may_publish_content(c.actor, c.vendor_org);
  Json hits = Json::array();
  for (const KbArticle& a : store.search_kb(*match, drafts, kMaxContentHits))
    hits.push_back(to_json(a));
  return Answer{{{"articles", std::move(hits)}}};
}

// [SECTION] Contacts

// A vendor contact reaches every partner's directory; a partner's only its own.
void fan_out_contact(Plan& plan, Store& store, const Context& c, const Id& org,
                     const std::string& type, const Json& data) {
  plan.events.push_back({content_vendor_key("contacts"), type, data});
  if (org != c.vendor_org) {
    plan.events.push_back({content_partner_key(org, "contacts"), type, data});
    return;
  }
  for (const PartnerRef& p : store.partner_refs())
    plan.events.push_back({content_partner_key(p.org_id, "contacts"), type, data});
}

Outcome plan_contact_save(const Context& c, const CommandFrame& f, Store& store) {
  if (!may_edit_contacts(c.actor, c.actor.org_id, c.vendor_org))
    return forbidden("Only your organisation's admin edits its contacts.");
  auto parsed = contact_request_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  Contact contact = std::move(std::get<Contact>(parsed));
  contact.org_id = c.actor.org_id;
  if (!contact.id.empty()) {
    auto before = contact.id.size() <= kMaxIdBytes ? store.find_contact(contact.id) : std::nullopt;
    if (!before || before->org_id != c.actor.org_id) return not_found("contact");
  } else {
    contact.id = new_id();
  }
  if (auto fields = validate_contact(contact); !fields.empty()) return invalid(fields);
  if (!contact.user_id.empty()) {
    auto user = store.find_user(contact.user_id);
    if (!user || user->org_id != contact.org_id)
      return invalid({{"user_id", "That person is not a portal user of your organisation."}});
  }
  Plan plan;
  fan_out_contact(plan, store, c, contact.org_id, "contact.saved",
                  {{"contact", to_json(contact)}});
  plan.result = {{"id", contact.id}};
  plan.change.contact = std::move(contact);
  return plan;
}

Outcome plan_contact_remove(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = id_request_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  auto before = store.find_contact(std::get<Id>(parsed));
  if (!before ||
      (!may_read_org(c.actor, before->org_id, c.vendor_org) && before->org_id != c.vendor_org))
    return not_found("contact");
  if (!may_edit_contacts(c.actor, before->org_id, c.vendor_org))
    return forbidden("Only the contact's own organisation's admin removes it.");
  Plan plan;
  fan_out_contact(plan, store, c, before->org_id, "contact.removed", {{"id", before->id}});
  plan.result = {{"id", before->id}};
  plan.change.removed_contact = before->id;
  return plan;
}

// [SECTION] Custom rooms

void fan_out_room(Plan& plan, Store& store, const std::optional<CustomRoom>& before,
                  const std::optional<CustomRoom>& after, const Id& id) {
  const Json removed = {{"id", id}};
  const Json saved = after ? Json{{"room", to_json(*after)}} : Json();
  plan.events.push_back({content_vendor_key("custom"),
                         after ? "custom_room.saved" : "custom_room.removed",
                         after ? saved : removed});
  for (const PartnerRef& p : store.partner_refs()) {
    if (p.partnership_id.empty()) continue;
    const bool was = before && is_shown_to(*before, p.partnership_id);
    const bool is = after && is_shown_to(*after, p.partnership_id);
    if (is)
      plan.events.push_back({content_partner_key(p.org_id, "custom"), "custom_room.saved", saved});
    else if (was)
      plan.events.push_back(
          {content_partner_key(p.org_id, "custom"), "custom_room.removed", removed});
  }
}

Outcome plan_room_save(const Context& c, const CommandFrame& f, Store& store) {
  if (!may_define_custom_rooms(c.actor, c.vendor_org))
    return forbidden("Only the vendor's admins define custom rooms.");
  auto parsed = custom_room_request_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  CustomRoomRequest& req = std::get<CustomRoomRequest>(parsed);
  CustomRoom room = std::move(req.room);
  std::optional<CustomRoom> before;
  if (!room.id.empty()) {
    before = room.id.size() <= kMaxIdBytes ? store.find_custom_room(room.id) : std::nullopt;
    if (!before) return not_found("room");
    if (!req.sections_given) room.sections = before->sections;
  } else {
    room.id = new_id();
    if (!req.sections_given) room.sections = template_sections(room.kind);
  }
  room.updated_at = c.now;
  if (auto fields = validate_custom_room(room); !fields.empty()) return invalid(fields);
  if (auto owner = store.custom_room_by_slug(room.slug); owner && *owner != room.id)
    return Error{ErrorCode::Conflict, "Another room already uses the link name " + room.slug + ".",
                 {{"slug", "Choose a link name no other room uses."}}};
  const std::vector<PartnerRef> partners = store.partner_refs();
  for (const Id& pid : room.partnership_ids) {
    bool known = false;
    for (const PartnerRef& p : partners) known = known || p.partnership_id == pid;
    if (!known) return invalid({{"partnership_ids", "One of the partnerships does not exist."}});
  }
  Plan plan;
  fan_out_room(plan, store, before, room, room.id);
  plan.result = {{"id", room.id}};
  plan.change.room = std::move(room);
  return plan;
}

Outcome plan_room_remove(const Context& c, const CommandFrame& f, Store& store) {
  if (!may_define_custom_rooms(c.actor, c.vendor_org))
    return forbidden("Only the vendor's admins remove custom rooms.");
  auto parsed = id_request_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  auto before = store.find_custom_room(std::get<Id>(parsed));
  if (!before) return not_found("room");
  Plan plan;
  fan_out_room(plan, store, before, std::nullopt, before->id);
  plan.result = {{"id", before->id}};
  plan.change.removed_room = before->id;
  return plan;
}

// [SECTION] Cases

void fan_out_case(Plan& plan, const Id& org, const std::string& type, const Json& data) {
  const std::string room(kCasesRoom);
  plan.events.push_back({content_partner_key(org, room), type, data});
  plan.events.push_back({content_vendor_key(room), type, data});
}

Outcome plan_case_open(const Context& c, const CommandFrame& f, Store&) {
  if (!may_open_case(c.actor)) return forbidden("Cases are opened by partner users.");
  auto parsed = case_open_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  CaseOpenRequest& req = std::get<CaseOpenRequest>(parsed);
  SupportCase sc;
  sc.id = new_id();
  sc.org_id = c.actor.org_id;
  sc.subject = std::move(req.subject);
  sc.description = std::move(req.description);
  sc.priority = req.priority;
  sc.opened_by = c.actor.user_id;
  sc.opened_at = sc.updated_at = c.now;
  if (auto fields = validate_support_case(sc); !fields.empty()) return invalid(fields);
  Plan plan;
  fan_out_case(plan, sc.org_id, "case.opened", {{"case", to_json(sc)}});
  plan.result = {{"id", sc.id}};
  plan.change.support_case = std::move(sc);
  return plan;
}

Outcome plan_case_comment(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = case_comment_request_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  CaseCommentRequest& req = std::get<CaseCommentRequest>(parsed);
  auto sc = req.case_id.size() <= kMaxIdBytes ? store.find_case(req.case_id) : std::nullopt;
  if (!sc || !may_read_org(c.actor, sc->org_id, c.vendor_org)) return not_found("case");
  if (!may_comment_case(c.actor, sc->org_id, c.vendor_org))
    return forbidden("This account can only look at cases.");
  if (auto fields = validate_case_comment(req.body); !fields.empty()) return invalid(fields);
  if (sc->status == CaseStatus::Closed)
    return Error{ErrorCode::Conflict, "This case is closed; open a new case instead.", {}};
  CaseComment comment{new_id(), sc->id, c.actor.user_id, c.actor_name,
                      is_vendor_actor(c.actor, c.vendor_org), std::move(req.body), c.now};
  Plan plan;
  fan_out_case(plan, sc->org_id, "case.commented", {{"comment", to_json(comment)}});
  plan.result = {{"id", comment.id}};
  plan.change.comment = std::move(comment);
  return plan;
}

Outcome plan_case_update(const Context& c, const CommandFrame& f, Store& store) {
  auto parsed = case_update_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) return invalid(*fields);
  const CaseUpdateRequest& req = std::get<CaseUpdateRequest>(parsed);
  auto sc = req.case_id.size() <= kMaxIdBytes ? store.find_case(req.case_id) : std::nullopt;
  if (!sc || !may_read_org(c.actor, sc->org_id, c.vendor_org)) return not_found("case");
  if (!may_triage_case(c.actor, c.vendor_org))
    return forbidden("Only the vendor's support team changes a case's status, priority or "
                     "assignee.");
  SupportCase after = *sc;
  if (req.priority) after.priority = *req.priority;
  if (req.status && *req.status != sc->status) {
    after.status = *req.status;
    after.resolved_at = is_open(after.status) ? 0 : (is_open(sc->status) ? c.now : sc->resolved_at);
  }
  if (req.assignee_id) {
    if (!req.assignee_id->empty()) {
      auto user = req.assignee_id->size() <= kMaxIdBytes ? store.find_user(*req.assignee_id)
                                                         : std::nullopt;
      if (!user || user->org_id != c.vendor_org || !is_vendor_staff(user->role))
        return invalid({{"assignee_id", "Assign the case to someone of the vendor's team."}});
    }
    after.assignee_id = *req.assignee_id;
  }
  after.updated_at = c.now;
  if (auto fields = validate_support_case(after); !fields.empty()) return invalid(fields);
  Plan plan;
  fan_out_case(plan, after.org_id, "case.updated", {{"case", to_json(after)}, {"by", c.actor.user_id}});
  plan.result = {{"id", after.id}, {"status", to_string(after.status)}};
  plan.change.support_case = std::move(after);
  return plan;
}

using Planner = Outcome (*)(const Context&, const CommandFrame&, Store&);

Planner planner_for(std::string_view type) {
  if (type == kCmdResourcePublish)
    return [](const Context& c, const CommandFrame& f, Store& s) {
      return plan_catalogue_save(c, f, s, CatalogueKind::Resource, true);
    };
  if (type == kCmdResourceUpdate)
    return [](const Context& c, const CommandFrame& f, Store& s) {
      return plan_catalogue_save(c, f, s, CatalogueKind::Resource, false);
    };
  if (type == kCmdResourceArchive)
    return [](const Context& c, const CommandFrame& f, Store& s) {
      return plan_catalogue_archive(c, f, s, CatalogueKind::Resource);
    };
  if (type == kCmdBrandPublish)
    return [](const Context& c, const CommandFrame& f, Store& s) {
      return plan_catalogue_save(c, f, s, CatalogueKind::Brand, true);
    };
  if (type == kCmdBrandUpdate)
    return [](const Context& c, const CommandFrame& f, Store& s) {
      return plan_catalogue_save(c, f, s, CatalogueKind::Brand, false);
    };
  if (type == kCmdBrandArchive)
    return [](const Context& c, const CommandFrame& f, Store& s) {
      return plan_catalogue_archive(c, f, s, CatalogueKind::Brand);
    };
  if (type == kCmdResourceSearch) return plan_resource_search;
  if (type == kCmdKbSave) return plan_kb_save;
  if (type == kCmdKbRemove) return plan_kb_remove;
  if (type == kCmdKbSearch) return plan_kb_search;
  if (type == kCmdContactSave) return plan_contact_save;
  if (type == kCmdContactRemove) return plan_contact_remove;
  if (type == kCmdCustomRoomSave) return plan_room_save;
  if (type == kCmdCustomRoomRemove) return plan_room_remove;
  if (type == kCmdCaseOpen) return plan_case_open;
  if (type == kCmdCaseComment) return plan_case_comment;
  if (type == kCmdCaseUpdate) return plan_case_update;
  return nullptr;
}

}  // namespace

void PortalService::on_content_command(Client& client, const Identity& who,
                                       const CommandFrame& f) {
  const Planner planner = planner_for(f.type);
  if (planner == nullptr) {
    client.send(error_frame(ErrorCode::UnknownType,
                            "The server does not know the command \"" + f.type.substr(0, 64) +
                                "\".",
                            f.id));
    return;
  }
  const Actor actor = who.actor();
  const std::optional<Organisation> vendor = store_.vendor_org();
  const Context c{actor, who.user.name, vendor ? vendor->id : Id(), unix_now()};
  if (f.type == kCmdResourceSearch || f.type == kCmdKbSearch) {
    // A search writes nothing: no command record, no lock.
    Outcome answered = planner(c, f, store_);
    if (auto* e = std::get_if<Error>(&answered))
      client.send(error_frame(e->code, std::move(e->message), f.id, std::move(e->fields)));
    else if (auto* a = std::get_if<Answer>(&answered))
      client.send(AckFrame{f.id, std::move(a->result)});
    return;
  }
  // Read, check, write, ack and publish in one critical section, as the other rooms do.
  std::lock_guard lock(publish_mutex_);
  const CommandKey key{actor.user_id, f.id, f.type};
  if (auto recorded = store_.command_result(key)) {
    // Answered only once durable: the first try may still be waiting for its sync.
    return ack_and_publish(client, f.id, CommandOutcome{std::move(*recorded), {}, true});
  }
  Outcome planned = planner(c, f, store_);
  if (auto* e = std::get_if<Error>(&planned)) {
    client.send(error_frame(e->code, std::move(e->message), f.id, std::move(e->fields)));
    return;
  }
  if (auto* a = std::get_if<Answer>(&planned)) {
    client.send(AckFrame{f.id, std::move(a->result)});
    return;
  }
  Plan& plan = std::get<Plan>(planned);
  plan.change.actor_id = actor.user_id;
  ack_and_publish(client, f.id,
                  store_.apply_content_change(key, plan.change, plan.events, plan.result, c.now));
}

}  // namespace portal::server
