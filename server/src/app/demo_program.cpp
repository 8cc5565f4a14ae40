#include "app/demo_program.h"

#include <cstdio>
#include <ctime>

#include "auth/tokens.h"
#include "portal/rules/entity_validation.h"

namespace portal::server {
namespace {

// A problem in the file: thrown while reading, returned as the sentence.
struct Bad {
  std::string message;
};

[[noreturn]] void bad(const std::string& message) { throw Bad{message}; }

const Json& list(const Json& j, const char* name) {
  static const Json kEmpty = Json::array();
  auto it = j.find(name);
  if (it == j.end()) return kEmpty;
  if (!it->is_array()) bad(std::string("\"") + name + "\" must be a list");
  return *it;
}

std::string text(const Json& j, const char* name, bool required = true) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string()) {
    if (required) bad(std::string("missing text field \"") + name + "\" in " + j.dump());
    return {};
  }
  return it->get<std::string>();
}

int64_t number(const Json& j, const char* name, int64_t fallback) {
  auto it = j.find(name);
  if (it == j.end()) return fallback;
  if (!it->is_number_integer()) bad(std::string("field \"") + name + "\" must be a whole number");
  return it->get<int64_t>();
}

// "2026-02-24T09:30:00Z" to seconds since the epoch; "" (when optional) to 0.
UnixTime time_of(const Json& j, const char* name, bool required = true) {
  const std::string s = text(j, name, required);
  if (s.empty()) return 0;
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
      consumed != static_cast<int>(s.size()))
    bad("bad time \"" + s + "\" (expected like 2026-02-24T09:30:00Z)");
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<UnixTime>(timegm(&tm));
}

const Id& lookup(const std::map<std::string, Id>& ids, const std::string& key, const char* what) {
  auto it = ids.find(key);
  if (it == ids.end()) bad(std::string("unknown ") + what + " \"" + key + "\"");
  return it->second;
}

template <class T>
void check(const std::vector<FieldError>& errors, const T& row) {
  if (!errors.empty()) bad("bad row " + row.dump() + ": " + errors.front().message);
}

ProgramSeed read(const Json& program, const DemoRefs& refs) {
  ProgramSeed seed;
  std::map<std::string, Id> types, trainings, certifications, activities;
  std::map<Id, std::string> currency;
  for (const Organisation& o : refs.orgs) currency[o.id] = o.currency;

  for (const Json& t : list(program, "types")) {
    seed.types.push_back(PartnerType{new_id(), text(t, "name"), text(t, "description", false)});
    check(validate_partner_type(seed.types.back()), t);
    types[text(t, "key")] = seed.types.back().id;
  }
  for (const Json& l : list(program, "levels")) {
    PartnerLevel level{new_id(), lookup(types, text(l, "type"), "partner type"), {}};
    level.level.name = text(l, "name");
    level.level.rank = static_cast<int32_t>(number(l, "rank", 0));
    level.level.revenue_share_bp = static_cast<int32_t>(number(l, "revenue_share_bp", 0));
    level.level.mdf_accrual_bp = static_cast<int32_t>(number(l, "mdf_accrual_bp", 0));
    for (const Json& r : list(l, "requirements")) {
      auto kind = kpi_kind_from_string(text(r, "kind"));
      if (!kind) bad("unknown KPI in " + r.dump());
      level.level.requirements.push_back({*kind, number(r, "threshold", 0)});
    }
    check(validate_partner_level(level, seed.levels), l);
    seed.levels.push_back(std::move(level));
  }
  for (const Json& c : list(program, "categories")) {
    ParameterCategory cat{new_id(), text(c, "name"), text(c, "description", false), {}};
    for (const Json& k : list(c, "kpis")) {
      auto kind = k.is_string() ? kpi_kind_from_string(k.get<std::string>()) : std::nullopt;
      if (!kind) bad("unknown KPI in " + c.dump());
      cat.kpis.push_back(*kind);
    }
    check(validate_parameter_category(cat), c);
    seed.categories.push_back(std::move(cat));
  }
  for (const Json& t : list(program, "trainings")) {
    Training training;
    training.id = new_id();
    training.title = text(t, "title");
    training.description = text(t, "description", false);
    auto format = training_format_from_string(text(t, "format"));
    if (!format) bad("unknown training format in " + t.dump());
    training.format = *format;
    training.modules = static_cast<int32_t>(number(t, "modules", 1));
    training.duration_minutes = static_cast<int32_t>(number(t, "duration_minutes", 0));
    check(validate_training(training), t);
    trainings[text(t, "key")] = training.id;
    seed.trainings.push_back(std::move(training));
  }
  for (const Json& c : list(program, "certifications")) {
    Certification cert;
    cert.id = new_id();
    cert.name = text(c, "name");
    cert.description = text(c, "description", false);
    for (const Json& t : list(c, "trainings"))
      cert.training_ids.push_back(lookup(trainings, t.is_string() ? t.get<std::string>() : "",
                                         "training"));
    cert.validity_days = static_cast<int32_t>(number(c, "validity_days", 365));
    check(validate_certification(cert), c);
    certifications[text(c, "key")] = cert.id;
    seed.certifications.push_back(std::move(cert));
  }

  for (const Json& p : list(program, "partnerships")) {
    Partnership ps;
    ps.id = new_id();
    ps.org_id = lookup(refs.org_ids, text(p, "org"), "organisation");
    ps.type_id = lookup(types, text(p, "type"), "partner type");
    ps.level = text(p, "level");
    auto status = partnership_status_from_string(text(p, "status"));
    if (!status) bad("unknown partnership status in " + p.dump());
    ps.status = *status;
    ps.conditions.revenue_share_bp = static_cast<int32_t>(number(p, "revenue_share_bp", 0));
    ps.conditions.mdf_accrual_bp = static_cast<int32_t>(number(p, "mdf_accrual_bp", 0));
    ps.conditions.payment_terms_days = static_cast<int32_t>(number(p, "payment_terms_days", 30));
    ps.conditions.notes = text(p, "notes", false);
    for (RoomKind r : kAllRooms) ps.rooms.insert(r);
    ps.started_at = time_of(p, "started_at");
    check(validate_partnership(ps, seed.partnerships), p);
    for (const Json& h : list(p, "history")) {
      ParameterChange c;
      c.id = new_id();
      c.partnership_id = ps.id;
      auto parameter = partnership_parameter_from_string(text(h, "parameter"));
      if (!parameter) bad("unknown partnership parameter in " + h.dump());
      c.parameter = *parameter;
      c.old_value = text(h, "old", false);
      c.new_value = text(h, "new");
      c.reason = text(h, "reason", false);
      c.effective_from = time_of(h, "effective_from");
      c.changed_by = lookup(refs.user_ids, text(h, "changed_by"), "user");
      c.changed_at = c.effective_from;
      check(validate_parameter_change(c), h);
      seed.history.push_back(std::move(c));
    }
    seed.partnerships.push_back(std::move(ps));
  }

  for (const Json& p : list(program, "progress")) {
    TrainingProgress progress;
    progress.user_id = lookup(refs.user_ids, text(p, "user"), "user");
    progress.training_id = lookup(trainings, text(p, "training"), "training");
    progress.completed_modules = static_cast<int32_t>(number(p, "completed_modules", 0));
    progress.started_at = time_of(p, "started_at");
    progress.completed_at = time_of(p, "completed_at", false);
    const Training* training = nullptr;
    for (const Training& t : seed.trainings)
      if (t.id == progress.training_id) training = &t;
    check(validate_training_progress(progress, *training), p);
    seed.progress.push_back(std::move(progress));
  }
  for (const Json& c : list(program, "certificates")) {
    UserCertification uc;
    uc.id = new_id();
    uc.user_id = lookup(refs.user_ids, text(c, "user"), "user");
    uc.org_id = lookup(refs.org_ids, text(c, "org"), "organisation");
    uc.certification_id = lookup(certifications, text(c, "certification"), "certification");
    uc.earned_at = time_of(c, "earned_at");
    for (const Certification& cert : seed.certifications)
      if (cert.id == uc.certification_id) uc.expires_at = certification_expiry(cert, uc.earned_at);
    check(validate_user_certification(uc), c);
    seed.certificates.push_back(std::move(uc));
  }
  for (const Json& a : list(program, "activities")) {
    MarketingActivity activity;
    activity.id = new_id();
    activity.org_id = lookup(refs.org_ids, text(a, "org"), "organisation");
    activity.title = text(a, "title");
    activity.description = text(a, "description", false);
    auto kind = activity_kind_from_string(text(a, "kind"));
    auto status = activity_status_from_string(text(a, "status"));
    if (!kind || !status) bad("unknown activity kind or status in " + a.dump());
    activity.kind = *kind;
    activity.status = *status;
    activity.starts_at = time_of(a, "starts_at");
    activity.ends_at = time_of(a, "ends_at", false);
    activity.budget = Money{number(a, "budget_minor", 0), currency[activity.org_id]};
    activity.mdf_requested = Money{number(a, "mdf_minor", 0), currency[activity.org_id]};
    activity.leads_generated = static_cast<int32_t>(number(a, "leads_generated", 0));
    check(validate_marketing_activity(activity), a);
    activities[text(a, "key")] = activity.id;
    seed.activities.push_back(std::move(activity));
  }
  for (const Json& m : list(program, "mdf")) {
    MdfEntry e;
    e.id = new_id();
    e.org_id = lookup(refs.org_ids, text(m, "org"), "organisation");
    auto direction = mdf_direction_from_string(text(m, "direction"));
    if (!direction) bad("unknown MDF direction in " + m.dump());
    e.direction = *direction;
    e.amount = Money{number(m, "amount_minor", 0), currency[e.org_id]};
    e.description = text(m, "description");
    const std::string activity = text(m, "activity", false);
    if (!activity.empty()) e.activity_id = lookup(activities, activity, "activity");
    e.booked_by = lookup(refs.user_ids, text(m, "booked_by"), "user");
    e.booked_at = time_of(m, "booked_at");
    check(validate_mdf_entry(e), m);
    // The ledger must never go below zero, in the demo either.
    std::vector<MdfEntry> before;
    for (const MdfEntry& x : seed.ledger)
      if (x.org_id == e.org_id && x.booked_at <= e.booked_at) before.push_back(x);
    if (const MdfCheck ok = check_booking(before, e); !ok.allowed) bad(ok.refusal);
    seed.ledger.push_back(std::move(e));
  }
  return seed;
}

}  // namespace

std::variant<ProgramSeed, std::string> read_demo_program(const Json& program,
                                                         const DemoRefs& refs) {
  if (!program.is_object()) return std::string("\"program\" must be an object");
  try {
    return read(program, refs);
  } catch (const Bad& e) {
    return "in \"program\": " + e.message;
  } catch (const Json::exception& e) {
    return std::string("in \"program\": ") + e.what();
  }
}

}  // namespace portal::server
