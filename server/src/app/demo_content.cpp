// The demo's content rows (demo_content.h). Every row is checked with the same validation the
// commands use, so the demo never holds what a user could not have entered.
#include "app/demo_content.h"

#include <cstdio>
#include <ctime>

#include "auth/tokens.h"
#include "portal/rules/entity_validation.h"

namespace portal::server {
namespace {

struct DemoError {
  std::string message;
};
[[noreturn]] void bad(const std::string& message) { throw DemoError{message}; }

std::string text(const Json& j, const char* field, bool required = true) {
  auto it = j.find(field);
  if (it == j.end() || !it->is_string()) {
    if (required) bad(std::string("missing text field \"") + field + "\" in " + j.dump());
    return {};
  }
  return it->get<std::string>();
}

std::vector<std::string> texts(const Json& j, const char* field) {
  std::vector<std::string> out;
  if (auto it = j.find(field); it != j.end() && it->is_array())
    for (const Json& x : *it)
      if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

UnixTime time_of(const Json& j, const char* field) {
  const std::string s = text(j, field);
  std::tm tm{};
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
    bad("bad time \"" + s + "\" in " + j.dump());
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<UnixTime>(timegm(&tm));
}

template <class Map>
const Id& ref(const Map& m, const std::string& key, const Json& row) {
  auto it = m.find(key);
  if (it == m.end()) bad("unknown reference \"" + key + "\" in " + row.dump());
  return it->second;
}

void check(const std::vector<FieldError>& fields, const Json& row) {
  if (!fields.empty()) bad("bad content row " + row.dump() + ": " + fields.front().message);
}

}  // namespace

std::string read_demo_content(const Json& content, const std::map<std::string, Id>& org_ids,
                              const std::map<std::string, Id>& user_ids, SeedData& data) {
  try {
    std::map<std::string, Id> type_ids;  // type name -> id
    for (const PartnerType& t : data.program.types) type_ids[t.name] = t.id;
    std::map<Id, Id> partnership_of;  // org id -> partnership id
    for (const Partnership& p : data.program.partnerships) partnership_of[p.org_id] = p.id;
    std::map<Id, std::string> user_names;
    std::map<Id, bool> vendor_user;
    const Organisation* vendor = nullptr;
    for (const Organisation& o : data.orgs)
      if (o.kind == OrgKind::Vendor) vendor = &o;
    for (const SeedUser& u : data.users) {
      user_names[u.record.user.id] = u.record.user.name;
      vendor_user[u.record.user.id] = vendor != nullptr && u.record.user.org_id == vendor->id;
    }
    ContentSeed& seed = data.content;

    auto audience = [&](const Json& row) {
      const Json& a = row.at("audience");
      if (a.is_string() && a.get<std::string>() == "all") return Audience{};
      if (a.contains("type"))
        return Audience{AudienceKind::PartnerType, ref(type_ids, text(a, "type"), row)};
      return Audience{AudienceKind::Partner, ref(org_ids, text(a, "partner"), row)};
    };
    for (const char* list : {"resources", "brand"}) {
      const bool brand = std::string(list) == "brand";
      for (const Json& row : content.value(list, Json::array())) {
        CatalogueRecord r;
        r.kind = brand ? CatalogueKind::Brand : CatalogueKind::Resource;
        r.id = new_id();
        r.category = text(row, "category");
        r.title = text(row, "title");
        r.description = text(row, "description", false);
        // FIXME: the demo's files arrive with the Files room; until then an id stands in.
        r.file_id = new_id();
        r.tags = texts(row, "tags");
        r.audience = audience(row);
        r.published_at = r.updated_at = time_of(row, "published_at");
        if (brand) {
          auto e = brand_entry(r);
          if (!e) bad("unknown brand category in " + row.dump());
          check(validate_brand_asset(e->asset), row);
        } else {
          auto e = resource_entry(r);
          if (!e) bad("unknown resource category in " + row.dump());
          check(validate_resource(e->resource), row);
        }
        seed.catalogue.push_back(std::move(r));
      }
    }
    for (const Json& row : content.value("contacts", Json::array())) {
      Contact c;
      c.id = new_id();
      c.org_id = ref(org_ids, text(row, "org"), row);
      if (std::string u = text(row, "user", false); !u.empty()) c.user_id = ref(user_ids, u, row);
      c.name = text(row, "name");
      c.role = text(row, "role");
      c.contact_for = text(row, "contact_for", false);
      c.email = text(row, "email");
      c.phone = text(row, "phone", false);
      auto channel = contact_channel_from_string(text(row, "preferred"));
      if (!channel) bad("unknown preferred channel in " + row.dump());
      c.preferred = *channel;
      check(validate_contact(c), row);
      seed.contacts.push_back(std::move(c));
    }
    for (const Json& row : content.value("custom_rooms", Json::array())) {
      CustomRoom r;
      r.id = new_id();
      r.title = text(row, "title");
      r.slug = text(row, "slug");
      auto kind = room_template_from_string(text(row, "template"));
      if (!kind) bad("unknown room template in " + row.dump());
      r.kind = *kind;
      r.sections = template_sections(r.kind);
      for (const std::string& key : texts(row, "partners"))
        r.partnership_ids.push_back(ref(partnership_of, ref(org_ids, key, row), row));
      r.published = row.value("published", false);
      check(validate_custom_room(r), row);
      seed.rooms.push_back(std::move(r));
    }
    for (const Json& row : content.value("cases", Json::array())) {
      CaseEntry e;
      SupportCase& c = e.support_case;
      c.id = new_id();
      c.org_id = ref(org_ids, text(row, "org"), row);
      c.opened_by = ref(user_ids, text(row, "opened_by"), row);
      c.subject = text(row, "subject");
      c.description = text(row, "description");
      auto priority = case_priority_from_string(text(row, "priority"));
      auto status = case_status_from_string(text(row, "status"));
      if (!priority || !status) bad("unknown priority or status in " + row.dump());
      c.priority = *priority;
      c.status = *status;
      if (std::string a = text(row, "assignee", false); !a.empty())
        c.assignee_id = ref(user_ids, a, row);
      c.opened_at = c.updated_at = time_of(row, "opened_at");
      if (row.contains("resolved_at")) c.resolved_at = time_of(row, "resolved_at");
      for (const Json& m : row.value("comments", Json::array())) {
        CaseComment comment;
        comment.id = new_id();
        comment.case_id = c.id;
        comment.author_id = ref(user_ids, text(m, "by"), m);
        comment.author_name = user_names[comment.author_id];
        comment.from_vendor = vendor_user[comment.author_id];
        comment.body = text(m, "body");
        comment.at = time_of(m, "at");
        c.updated_at = std::max(c.updated_at, comment.at);
        e.comments.push_back(std::move(comment));
      }
      check(validate_support_case(c), row);
      seed.cases.push_back(std::move(e));
    }
    for (const Json& row : content.value("kb", Json::array())) {
      KbArticle a;
      a.id = new_id();
      a.title = text(row, "title");
      a.body = text(row, "body");
      a.category = text(row, "category", false);
      a.tags = texts(row, "tags");
      a.published = row.value("published", false);
      a.author_id = ref(user_ids, text(row, "author"), row);
      a.updated_at = time_of(row, "updated_at");
      check(validate_kb_article(a), row);
      seed.articles.push_back(std::move(a));
    }
  } catch (const DemoError& e) {
    return "demo content: " + e.message;
  } catch (const Json::exception& e) {
    return std::string("demo content: ") + e.what();
  }
  return {};
}

}  // namespace portal::server
