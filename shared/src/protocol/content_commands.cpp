// Payload readers of the content rooms' commands (protocol/content_commands.h).
#include "portal/protocol/content_commands.h"

#include <array>

#include "portal/rules/entity_validation.h"
#include "protocol/json_fields.h"
#include "rules/field_checks.h"

namespace portal {
namespace {

using detail::field;
using Errors = std::vector<FieldError>;

// Reads typed fields of one object, one FieldError per missing or mistyped field.
class Fields {
 public:
  Fields(const Json& j, Errors& e) : j_(j), e_(e) {}

  bool has(const char* name) const {
    const Json* f = field(j_, name);
    return f != nullptr && !f->is_null();
  }
  void text(const char* name, std::string& out, const char* label, bool required) {
    if (!has(name)) {
      if (required) e_.push_back({name, std::string(label) + " is required."});
      return;
    }
    const Json* f = field(j_, name);
    if (f->is_string())
      out = f->get<std::string>();
    else
      e_.push_back({name, std::string(label) + " must be text."});
  }
  void flag(const char* name, bool& out, const char* label) {
    if (!has(name)) return;
    if (auto b = detail::get_bool(j_, name))
      out = *b;
    else
      e_.push_back({name, std::string(label) + " must be true or false."});
  }
  void texts(const char* name, std::vector<std::string>& out, const char* label) {
    if (!has(name)) return;
    const Json* f = field(j_, name);
    bool ok = f->is_array();
    if (ok) {
      out.clear();
      for (const Json& x : *f) {
        if (!x.is_string()) {
          ok = false;
          break;
        }
        out.push_back(x.get<std::string>());
      }
    }
    if (!ok) e_.push_back({name, std::string(label) + " must be a list of text."});
  }
  // An enum given by its wire name.
  template <class E, class Parse>
  void choice(const char* name, E& out, const char* label, Parse parse, bool required) {
    std::string s;
    const size_t before = e_.size();
    text(name, s, label, required);
    if (e_.size() != before || !has(name)) return;
    if (auto v = parse(s))
      out = *v;
    else
      e_.push_back({name, std::string(label) + " \"" + s.substr(0, 40) + "\" is not one we know."});
  }
  const Json* raw(const char* name) const { return has(name) ? field(j_, name) : nullptr; }
  Errors& errors() { return e_; }

 private:
  const Json& j_;
  Errors& e_;
};

Errors not_an_object() { return {{"", "The command's payload must be a JSON object."}}; }

}  // namespace

bool is_content_command(std::string_view type) {
  static constexpr std::array kAll = {
      kCmdResourcePublish, kCmdResourceUpdate,  kCmdResourceArchive, kCmdResourceSearch,
      kCmdBrandPublish,    kCmdBrandUpdate,     kCmdBrandArchive,    kCmdContactSave,
      kCmdContactRemove,   kCmdCustomRoomSave,  kCmdCustomRoomRemove, kCmdCaseOpen,
      kCmdCaseComment,     kCmdCaseUpdate,      kCmdKbSave,          kCmdKbRemove,
      kCmdKbSearch};
  for (std::string_view t : kAll)
    if (t == type) return true;
  return false;
}

std::variant<CatalogueRequest, std::vector<FieldError>> catalogue_request_from_json(
    const Json& j, bool needs_id) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  Fields f(j, e);
  CatalogueRequest r;
  if (needs_id) f.text("id", r.id, "The item", true);
  f.text("category", r.category, "Category", true);
  f.text("title", r.title, "Title", true);
  f.text("description", r.description, "Description", false);
  f.text("file_id", r.file_id, "File", true);
  f.texts("tags", r.tags, "Tags");
  if (const Json* a = f.raw("audience")) {
    r.audience = audience_from_json(*a);
    if (!r.audience)
      e.push_back({"audience",
                   "Choose who sees it: every partner, a partner type or one partner."});
  } else {
    e.push_back({"audience", "Choose who sees it: every partner, a partner type or one partner."});
  }
  if (!e.empty()) return e;
  return r;
}

std::variant<Id, std::vector<FieldError>> id_request_from_json(const Json& j, const char* name) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  Id id;
  Fields(j, e).text(name, id, "The item", true);
  if (e.empty() && (id.empty() || id.size() > kMaxIdBytes))
    e.push_back({name, "That is not an id this portal makes."});
  if (!e.empty()) return e;
  return id;
}

std::variant<SearchRequest, std::vector<FieldError>> search_request_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  Fields f(j, e);
  SearchRequest r;
  f.text("query", r.query, "The search", true);
  f.text("category", r.category, "Category", false);
  if (e.empty() && r.query.size() > kMaxContentQuery)
    e.push_back({"query", "Search for at most " + std::to_string(kMaxContentQuery) +
                              " characters."});
  if (!e.empty()) return e;
  return r;
}

std::variant<Contact, std::vector<FieldError>> contact_request_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  Fields f(j, e);
  Contact c;
  f.text("id", c.id, "The contact", false);
  f.text("user_id", c.user_id, "Portal user", false);
  f.text("name", c.name, "Name", true);
  f.text("role", c.role, "Role", true);
  f.text("contact_for", c.contact_for, "Contact for", false);
  f.text("email", c.email, "E-mail", true);
  f.text("phone", c.phone, "Phone", false);
  f.choice("preferred", c.preferred, "Preferred channel", contact_channel_from_string, true);
  if (!e.empty()) return e;
  return c;
}

std::variant<CustomRoomRequest, std::vector<FieldError>> custom_room_request_from_json(
    const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  Fields f(j, e);
  CustomRoomRequest r;
  CustomRoom& room = r.room;
  f.text("id", room.id, "The room", false);
  f.text("title", room.title, "Title", true);
  f.text("slug", room.slug, "Link name", true);
  f.choice("template", room.kind, "Template", room_template_from_string, true);
  f.texts("partnership_ids", room.partnership_ids, "Partnerships");
  f.flag("published", room.published, "Published");
  if (const Json* sections = f.raw("sections")) {
    r.sections_given = true;
    if (!sections->is_array()) {
      e.push_back({"sections", "Sections must be a list."});
    } else {
      for (size_t i = 0; i < sections->size() && i <= kMaxLines; ++i) {
        const Json& s = (*sections)[i];
        const std::string row = "sections[" + std::to_string(i) + "]";
        if (!s.is_object()) {
          e.push_back({row, "Section " + std::to_string(i + 1) + " must be an object."});
          continue;
        }
        Errors se;
        Fields sf(s, se);
        RoomSection section;
        sf.text("title", section.title, "Section title", true);
        sf.choice("kind", section.kind, "Section kind", section_kind_from_string, true);
        sf.text("body", section.body, "Section text", false);
        sf.texts("item_ids", section.item_ids, "Section items");
        for (FieldError& fe : se) e.push_back({row + "." + fe.field, std::move(fe.message)});
        room.sections.push_back(std::move(section));
      }
    }
  }
  if (!e.empty()) return e;
  return r;
}

std::variant<CaseOpenRequest, std::vector<FieldError>> case_open_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  Fields f(j, e);
  CaseOpenRequest r;
  f.text("subject", r.subject, "Subject", true);
  f.text("description", r.description, "Description", true);
  f.choice("priority", r.priority, "Priority", case_priority_from_string, false);
  if (!e.empty()) return e;
  return r;
}

std::variant<CaseCommentRequest, std::vector<FieldError>> case_comment_request_from_json(
    const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  Fields f(j, e);
  CaseCommentRequest r;
  f.text("case_id", r.case_id, "The case", true);
  f.text("body", r.body, "The comment", true);
  if (!e.empty()) return e;
  return r;
}

std::variant<CaseUpdateRequest, std::vector<FieldError>> case_update_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  Fields f(j, e);
  CaseUpdateRequest r;
  f.text("case_id", r.case_id, "The case", true);
  if (f.has("status")) {
    CaseStatus s{};
    f.choice("status", s, "Status", case_status_from_string, true);
    r.status = s;
  }
  if (f.has("priority")) {
    CasePriority p{};
    f.choice("priority", p, "Priority", case_priority_from_string, true);
    r.priority = p;
  }
  if (f.has("assignee_id")) {
    Id a;
    f.text("assignee_id", a, "Assignee", true);
    r.assignee_id = a;
  }
  if (e.empty() && !r.status && !r.priority && !r.assignee_id)
    e.push_back({"", "Say what to change: status, priority or assignee."});
  if (!e.empty()) return e;
  return r;
}

std::variant<KbArticle, std::vector<FieldError>> kb_request_from_json(const Json& j) {
  if (!j.is_object()) return not_an_object();
  Errors e;
  Fields f(j, e);
  KbArticle a;
  f.text("id", a.id, "The article", false);
  f.text("title", a.title, "Title", true);
  f.text("body", a.body, "Text", true);
  f.text("category", a.category, "Category", false);
  f.texts("tags", a.tags, "Tags");
  f.flag("published", a.published, "Published");
  if (!e.empty()) return e;
  return a;
}

std::vector<FieldError> validate_case_comment(std::string_view body) {
  Errors e;
  detail::check_text(e, "body", "The comment", body, kMaxCaseComment, detail::Need::Required,
                     detail::Lines::Multi);
  return e;
}

}  // namespace portal
