#include "app/demo_seed.h"

#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

#include "app/demo_accounts.h"
#include "app/demo_content.h"
#include "app/demo_program.h"
#include "app/demo_messages.h"
#include "auth/tokens.h"
#include "demo/account_generator.h"
#include "portal/protocol/frames.h"

namespace portal::server {
namespace {

// A problem in the demo file: thrown while reading it, turned into the returned sentence.
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

int64_t number(const Json& j, const char* field, int64_t fallback) {
  auto it = j.find(field);
  if (it == j.end()) return fallback;
  if (!it->is_number_integer()) bad(std::string("field \"") + field + "\" must be a whole number");
  return it->get<int64_t>();
}

// "2026-02-24T09:30:00Z" to seconds since the epoch (UTC).
UnixTime parse_time(const std::string& s) {
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
      consumed != static_cast<int>(s.size())) {
    bad("bad time \"" + s + "\" (expected like 2026-02-24T09:30:00Z)");
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<UnixTime>(timegm(&tm));
}

SeedData read_demo(const Json& doc, PasswordHasher& hasher, int32_t extra_accounts) {
  SeedData data;
  std::map<std::string, Id> org_ids;   // demo key -> id
  std::map<std::string, Id> user_ids;  // e-mail -> id
  const UnixTime as_of = parse_time(text(doc, "as_of"));

  for (const Json& o : doc.at("organisations")) {
    Organisation org;
    org.id = new_id();
    org.name = text(o, "name");
    auto kind = org_kind_from_string(text(o, "kind"));
    if (!kind) bad("unknown organisation kind in " + o.dump());
    org.kind = *kind;
    org.tier = text(o, "tier", false);
    org.revenue_share_bp = static_cast<int32_t>(number(o, "revenue_share_bp", 0));
    org.currency = text(o, "currency");
    org.licences = static_cast<int32_t>(number(o, "licences", 0));
    org_ids[text(o, "key")] = org.id;
    data.orgs.push_back(std::move(org));
  }
  auto org_of = [&](const Json& j) {
    auto it = org_ids.find(text(j, "org"));
    if (it == org_ids.end()) bad("unknown organisation key in " + j.dump());
    return it->second;
  };

  // Every demo user has the same published password; hashing it once per distinct password
  // keeps start-up fast (each argon2id hash costs ~0.1 s) and reveals nothing that is secret.
  std::map<std::string, std::string> hashes;
  for (const Json& u : doc.at("users")) {
    SeedUser su;
    User& user = su.record.user;
    user.id = new_id();
    user.org_id = org_of(u);
    user.email = text(u, "email");
    user.name = text(u, "name");
    auto role = role_from_string(text(u, "role"));
    if (!role) bad("unknown role in " + u.dump());
    user.role = *role;
    const std::string password = text(u, "password");
    auto& hash = hashes[password];
    if (hash.empty()) {
      auto made = hasher.hash(password);
      if (!made) bad("could not hash a password (out of memory?)");
      hash = *made;
    }
    su.record.password_hash = hash;
    su.created_at = as_of;
    user_ids[user.email] = user.id;
    data.users.push_back(std::move(su));
  }

  for (const Json& l : doc.at("leads")) {
    Lead lead;
    lead.id = new_id();
    lead.org_id = org_of(l);
    auto draft = lead_draft_from_json(l);
    if (auto* fields = std::get_if<std::vector<FieldError>>(&draft)) {
      bad("bad lead " + l.dump() + ": " + (fields->empty() ? "" : fields->front().message));
    }
    lead.draft = std::get<LeadDraft>(draft);
    auto stage = lead_stage_from_string(text(l, "stage"));
    if (!stage) bad("unknown lead stage in " + l.dump());
    lead.stage = *stage;
    auto creator = user_ids.find(text(l, "created_by"));
    if (creator == user_ids.end()) bad("unknown created_by in " + l.dump());
    lead.created_by = creator->second;
    lead.created_at = parse_time(text(l, "created_at"));
    data.leads.push_back(std::move(lead));
  }

  for (const Json& d : doc.at("deals")) {
    Deal deal;
    deal.id = new_id();
    deal.org_id = org_of(d);
    deal.name = text(d, "name");
    deal.customer = text(d, "customer");
    auto stage = deal_stage_from_string(text(d, "stage"));
    if (!stage) bad("unknown deal stage in " + d.dump());
    deal.stage = *stage;
    deal.value.minor = number(d, "value_minor", 0);
    deal.value.currency = text(d, "currency");
    auto paid = d.find("commission_paid");
    deal.commission_paid = paid != d.end() && paid->is_boolean() && paid->get<bool>();
    deal.updated_at = parse_time(text(d, "updated_at"));
    // Every demo deal was won after the partner's last share change (demo.json's history), so
    // the share it locked in is the partner's share now.
    if (deal.stage == DealStage::ClosedWon)
      for (const Organisation& o : data.orgs)
        if (o.id == deal.org_id) deal.commission_bp = o.revenue_share_bp;
    data.deals.push_back(std::move(deal));
  }
  if (auto it = doc.find("accounts"); it != doc.end()) {
    if (std::string error = read_demo_accounts(*it, org_ids, parse_time, data); !error.empty())
      bad(error);
  }
  if (extra_accounts > 0) {
    const Organisation* first = nullptr;
    for (const Organisation& o : data.orgs)
      if (!first && o.kind == OrgKind::Partner) first = &o;
    if (!first) bad("--demo-accounts needs a partner organisation in the demo file");
    generate_accounts(2026, first->id, extra_accounts, as_of, first->currency, data);
  }
  if (auto it = doc.find("program"); it != doc.end()) {
    auto program = read_demo_program(*it, DemoRefs{org_ids, user_ids, data.orgs});
    if (auto* message = std::get_if<std::string>(&program)) bad(*message);
    data.program = std::move(std::get<ProgramSeed>(program));
  }

  // Announcements (optional): "audience" is "all" or an organisation key.
  std::map<Id, std::string> user_names;
  for (const SeedUser& su : data.users) user_names[su.record.user.id] = su.record.user.name;
  std::map<Id, std::string> org_names;
  for (const Organisation& o : data.orgs) org_names[o.id] = o.name;
  if (auto list = doc.find("announcements"); list != doc.end()) {
    for (const Json& a : *list) {
      AnnouncementRecord rec;
      OverviewAnnouncement& an = rec.announcement;
      an.id = new_id();
      an.title = text(a, "title");
      an.body = text(a, "body");
      const std::string audience = text(a, "audience");
      if (audience != "all") {
        auto it = org_ids.find(audience);
        if (it == org_ids.end()) bad("unknown audience in " + a.dump());
        an.audience_org = it->second;
        an.audience_name = org_names[it->second];
      }
      auto author = user_ids.find(text(a, "author"));
      if (author == user_ids.end()) bad("unknown author in " + a.dump());
      rec.author_id = author->second;
      an.author_name = user_names[author->second];
      an.posted_at = parse_time(text(a, "posted_at"));
      const AnnouncementDraft draft{an.title, an.body, "all"};
      if (auto fields = validate_announcement_draft(draft); !fields.empty())
        bad("bad announcement " + a.dump() + ": " + fields.front().message);
      data.announcements.push_back(std::move(rec));
    }
  }
  if (auto e = read_demo_conversations(doc, org_ids, user_ids, data.conversations); !e.empty())
    bad(e);
  if (auto it = doc.find("content"); it != doc.end())
    if (auto e = read_demo_content(*it, org_ids, user_ids, data); !e.empty()) bad(e);
  return data;
}

}  // namespace

std::string seed_demo(Store& store, PasswordHasher& hasher, const std::filesystem::path& file,
                      int32_t extra_accounts) {
  std::ifstream in(file);
  if (!in) return "cannot read the demo file " + file.string();
  std::stringstream buffer;
  buffer << in.rdbuf();
  Json doc = Json::parse(buffer.str(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return "the demo file " + file.string() + " is not a JSON object";
  }
  try {
    store.seed(read_demo(doc, hasher, extra_accounts));
  } catch (const DemoError& e) {
    return "the demo file " + file.string() + " is wrong: " + e.message;
  } catch (const Json::exception& e) {
    return "the demo file " + file.string() + " is wrong: " + e.what();
  }
  return {};
}

}  // namespace portal::server
