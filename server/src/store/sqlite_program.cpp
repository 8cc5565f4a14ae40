// The Partner program room's calls of SqliteStore: reading what the room is built from, writing
// what a program command changes together with its events and command record, and seeding the
// program. Like sqlite_pipeline.cpp they run on the writer connection under its mutex, so a
// snapshot's rows and seq see one moment.
#include "portal/protocol/model_codecs.h"
#include "store/sqlite.h"
#include "store/sqlite_log.h"
#include "store/sqlite_reader_lease.h"
#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace portal::server {
namespace {

using sqlite::Database;
using sqlite::Query;
using sqlite::Transaction;
using sqlite::TransactionMode;

// [SECTION] JSON columns (lists stored as small JSON arrays)

std::string requirements_json(const std::vector<LevelRequirement>& reqs) {
  Json out = Json::array();
  for (const LevelRequirement& r : reqs)
    out.push_back({{"kind", to_string(r.kind)}, {"threshold", r.threshold}});
  return sqlite::dump_json(out);
}

std::vector<LevelRequirement> requirements_from(const std::string& text) {
  std::vector<LevelRequirement> out;
  const Json j = Json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const Json& r : j) {
    if (!r.is_object() || !r.contains("kind") || !r["kind"].is_string() ||
        !r.contains("threshold") || !r["threshold"].is_number_integer())
      continue;
    auto kind = kpi_kind_from_string(r["kind"].get<std::string>());
    if (kind) out.push_back({*kind, r["threshold"].get<int64_t>()});
  }
  return out;
}

template <class T>
std::string strings_json(const T& items) {
  Json out = Json::array();
  for (const auto& s : items) out.push_back(std::string(s));
  return sqlite::dump_json(out);
}

std::vector<std::string> strings_from(const std::string& text) {
  std::vector<std::string> out;
  const Json j = Json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const Json& s : j)
    if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

// [SECTION] Row readers

constexpr const char* kPartnershipColumns =
    "id, org_id, type_id, level, status, revenue_share_bp, mdf_accrual_bp, payment_terms_days, "
    "notes, rooms, manager_id, price_list_id, started_at, ends_at FROM partnerships";

Partnership read_partnership(const Query& q) {
  Partnership p;
  p.id = q.column_text(0);
  p.org_id = q.column_text(1);
  p.type_id = q.column_text(2);
  p.level = q.column_text(3);
  p.status = partnership_status_from_string(q.column_text(4)).value_or(PartnershipStatus::Active);
  p.conditions.revenue_share_bp = static_cast<int32_t>(q.column_int(5));
  p.conditions.mdf_accrual_bp = static_cast<int32_t>(q.column_int(6));
  p.conditions.payment_terms_days = static_cast<int32_t>(q.column_int(7));
  p.conditions.notes = q.column_text(8);
  for (const std::string& r : strings_from(q.column_text(9)))
    if (auto room = room_from_string(r)) p.rooms.insert(*room);
  p.manager_id = q.column_text(10);
  p.price_list_id = q.column_text(11);
  p.started_at = q.column_int(12);
  p.ends_at = q.column_int(13);
  return p;
}

constexpr const char* kMdfColumns =
    "id, org_id, direction, amount_minor, currency, description, activity_id, booked_by, "
    "booked_at FROM mdf_entries";

MdfEntry read_mdf(const Query& q) {
  MdfEntry e;
  e.id = q.column_text(0);
  e.org_id = q.column_text(1);
  e.direction = mdf_direction_from_string(q.column_text(2)).value_or(MdfDirection::Credit);
  e.amount = Money{q.column_int(3), q.column_text(4)};
  e.description = q.column_text(5);
  e.activity_id = q.column_text(6);
  e.booked_by = q.column_text(7);
  e.booked_at = q.column_int(8);
  return e;
}

constexpr const char* kActivityColumns =
    "id, org_id, title, description, kind, status, starts_at, ends_at, budget_minor, "
    "budget_currency, mdf_minor, mdf_currency, leads_generated FROM marketing_activities";

MarketingActivity read_activity(const Query& q) {
  MarketingActivity a;
  a.id = q.column_text(0);
  a.org_id = q.column_text(1);
  a.title = q.column_text(2);
  a.description = q.column_text(3);
  a.kind = activity_kind_from_string(q.column_text(4)).value_or(ActivityKind::Other);
  a.status = activity_status_from_string(q.column_text(5)).value_or(ActivityStatus::Proposed);
  a.starts_at = q.column_int(6);
  a.ends_at = q.column_int(7);
  a.budget = Money{q.column_int(8), q.column_text(9)};
  a.mdf_requested = Money{q.column_int(10), q.column_text(11)};
  a.leads_generated = static_cast<int32_t>(q.column_int(12));
  return a;
}

constexpr const char* kTrainingColumns =
    "id, title, description, format, modules, duration_minutes, file_id FROM trainings";

Training read_training(const Query& q) {
  Training t;
  t.id = q.column_text(0);
  t.title = q.column_text(1);
  t.description = q.column_text(2);
  t.format = training_format_from_string(q.column_text(3)).value_or(TrainingFormat::Course);
  t.modules = static_cast<int32_t>(q.column_int(4));
  t.duration_minutes = static_cast<int32_t>(q.column_int(5));
  t.file_id = q.column_text(6);
  return t;
}

TrainingProgress read_progress(const Query& q, int first) {
  return TrainingProgress{q.column_text(first), q.column_text(first + 1),
                          static_cast<int32_t>(q.column_int(first + 2)), q.column_int(first + 3),
                          q.column_int(first + 4)};
}

// [SECTION] Row writers

void write_mdf(Database& db, const MdfEntry& e) {
  db.query(
        "INSERT INTO mdf_entries (id, org_id, direction, amount_minor, currency, description, "
        "activity_id, booked_by, booked_at) VALUES (?,?,?,?,?,?,?,?,?)")
      .bind(1, e.id)
      .bind(2, e.org_id)
      .bind(3, to_string(e.direction))
      .bind(4, e.amount.minor)
      .bind(5, e.amount.currency)
      .bind(6, e.description)
      .bind(7, e.activity_id)
      .bind(8, e.booked_by)
      .bind(9, e.booked_at)
      .run();
}

void write_activity(Database& db, const MarketingActivity& a) {
  db.query(
        "INSERT INTO marketing_activities (id, org_id, title, description, kind, status, "
        "starts_at, ends_at, budget_minor, budget_currency, mdf_minor, mdf_currency, "
        "leads_generated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, a.id)
      .bind(2, a.org_id)
      .bind(3, a.title)
      .bind(4, a.description)
      .bind(5, to_string(a.kind))
      .bind(6, to_string(a.status))
      .bind(7, a.starts_at)
      .bind(8, a.ends_at)
      .bind(9, a.budget.minor)
      .bind(10, a.budget.currency)
      .bind(11, a.mdf_requested.minor)
      .bind(12, a.mdf_requested.currency)
      .bind(13, int64_t{a.leads_generated})
      .run();
}

void write_progress(Database& db, const TrainingProgress& p) {
  db.query(
        "INSERT INTO training_progress (user_id, training_id, completed_modules, started_at, "
        "completed_at) VALUES (?,?,?,?,?) ON CONFLICT(user_id, training_id) DO UPDATE SET "
        "completed_modules = excluded.completed_modules, started_at = excluded.started_at, "
        "completed_at = excluded.completed_at")
      .bind(1, p.user_id)
      .bind(2, p.training_id)
      .bind(3, int64_t{p.completed_modules})
      .bind(4, p.started_at)
      .bind(5, p.completed_at)
      .run();
}

OrgPriceItem read_price_item(const Query& q) {
  OrgPriceItem r;
  r.org_id = q.column_text(0);
  r.item.sku = q.column_text(1);
  r.item.name = q.column_text(2);
  r.item.list_price = Money{q.column_int(3), q.column_text(4)};
  r.item.discount_bp = static_cast<int32_t>(q.column_int(5));
  return r;
}

void insert_change(Database& db, const ParameterChange& c) {
  db.query(
        "INSERT INTO partnership_changes (id, partnership_id, parameter, old_value, new_value, "
        "reason, effective_from, changed_by, changed_at) VALUES (?,?,?,?,?,?,?,?,?)")
      .bind(1, c.id)
      .bind(2, c.partnership_id)
      .bind(3, to_string(c.parameter))
      .bind(4, c.old_value)
      .bind(5, c.new_value)
      .bind(6, c.reason)
      .bind(7, c.effective_from)
      .bind(8, c.changed_by)
      .bind(9, c.changed_at)
      .run();
}

}  // namespace

// [SECTION] Reads

ProgramInputs SqliteStore::program_inputs(const std::optional<Id>& org,
                                          const std::string& room_key) {
  ReaderLease lease(*this);
  Database& db = lease.db();
  Transaction tx(db, TransactionMode::Deferred);
  ProgramInputs in;
  // Partners only: the vendor organisation has no partnership and no program room of its own.
  const std::string org_filter =
      org ? " WHERE org_id = ?"
          : " WHERE org_id IN (SELECT id FROM organisations WHERE kind = 'partner')";
  auto each = [&](const std::string& sql, auto read) {
    Query q = db.query(sql);
    if (org && sql.find('?') != std::string::npos) q.bind(1, *org);
    while (q.step()) read(q);
  };
  each(std::string("SELECT ") + sqlite::kOrgColumns +
           (org ? " WHERE id = ? AND kind = 'partner'" : " WHERE kind = 'partner' ORDER BY name"),
       [&](const Query& q) { in.orgs.push_back(sqlite::read_org(q)); });
  each(std::string("SELECT ") + kPartnershipColumns + org_filter,
       [&](const Query& q) { in.partnerships.push_back(read_partnership(q)); });
  each("SELECT id, name, description FROM partner_types ORDER BY name", [&](const Query& q) {
    in.types.push_back(PartnerType{q.column_text(0), q.column_text(1), q.column_text(2)});
  });
  each(
      "SELECT id, type_id, name, rank, revenue_share_bp, mdf_accrual_bp, requirements "
      "FROM partner_levels ORDER BY type_id, rank",
      [&](const Query& q) {
        in.levels.push_back(PartnerLevel{
            q.column_text(0), q.column_text(1),
            Level{q.column_text(2), static_cast<int32_t>(q.column_int(3)),
                  static_cast<int32_t>(q.column_int(4)), static_cast<int32_t>(q.column_int(5)),
                  requirements_from(q.column_text(6))}});
      });
  each(std::string("SELECT ") + kTrainingColumns + " ORDER BY title",
       [&](const Query& q) { in.trainings.push_back(read_training(q)); });
  each("SELECT id, name, description, training_ids, validity_days FROM certifications "
       "ORDER BY name",
       [&](const Query& q) {
         in.certifications.push_back(Certification{
             q.column_text(0), q.column_text(1), q.column_text(2),
             strings_from(q.column_text(3)), static_cast<int32_t>(q.column_int(4))});
       });
  // Only what the figures need of leads and deals: when and how far they went.
  each("SELECT id, org_id, stage, created_at, deal_id FROM leads" + org_filter,
       [&](const Query& q) {
         LeadRecord r;
         r.lead.id = q.column_text(0);
         r.lead.org_id = q.column_text(1);
         r.lead.stage = lead_stage_from_string(q.column_text(2)).value_or(LeadStage::Submitted);
         r.lead.created_at = q.column_int(3);
         r.deal_id = q.column_text(4);
         in.leads.push_back(std::move(r));
       });
  each(std::string("SELECT ") + sqlite::kDealColumns + org_filter,
       [&](const Query& q) { in.deals.push_back(sqlite::read_deal(q)); });
  each(
      "SELECT u.org_id, u.name, p.user_id, p.training_id, p.completed_modules, p.started_at, "
      "p.completed_at FROM training_progress p JOIN users u ON u.id = p.user_id" +
          std::string(org ? " WHERE u.org_id = ?" : "") + " ORDER BY u.name, p.training_id",
      [&](const Query& q) {
        in.enrolments.push_back(
            ProgramEnrolment{q.column_text(0), q.column_text(1), read_progress(q, 2)});
      });
  each(
      "SELECT u.name, c.id, c.user_id, c.org_id, c.certification_id, c.earned_at, c.expires_at "
      "FROM user_certifications c JOIN users u ON u.id = c.user_id" +
          std::string(org ? " WHERE c.org_id = ?" : "") + " ORDER BY c.earned_at DESC",
      [&](const Query& q) {
        in.certificates.push_back(ProgramCertificate{
            q.column_text(0),
            UserCertification{q.column_text(1), q.column_text(2), q.column_text(3),
                              q.column_text(4), q.column_int(5), q.column_int(6)}});
      });
  each(std::string("SELECT ") + kMdfColumns + org_filter + " ORDER BY booked_at DESC, rowid DESC",
       [&](const Query& q) { in.ledger.push_back(read_mdf(q)); });
  each(std::string("SELECT ") + kActivityColumns + org_filter +
           " ORDER BY starts_at DESC, rowid DESC",
       [&](const Query& q) { in.activities.push_back(read_activity(q)); });
  each(
      "SELECT c.id, c.partnership_id, c.parameter, c.old_value, c.new_value, c.reason, "
      "c.effective_from, c.changed_by, c.changed_at FROM partnership_changes c "
      "JOIN partnerships p ON p.id = c.partnership_id" +
          std::string(org ? " WHERE p.org_id = ?" : "") +
          " ORDER BY c.effective_from DESC, c.rowid DESC",
      [&](const Query& q) {
        ParameterChange c;
        c.id = q.column_text(0);
        c.partnership_id = q.column_text(1);
        c.parameter = partnership_parameter_from_string(q.column_text(2))
                          .value_or(PartnershipParameter::Conditions);
        c.old_value = q.column_text(3);
        c.new_value = q.column_text(4);
        c.reason = q.column_text(5);
        c.effective_from = q.column_int(6);
        c.changed_by = q.column_text(7);
        c.changed_at = q.column_int(8);
        in.history.push_back(std::move(c));
      });
  each("SELECT org_id, sku, name, list_minor, currency, discount_bp FROM price_items" +
           org_filter + " ORDER BY org_id, sku",
       [&](const Query& q) { in.price_items.push_back(read_price_item(q)); });
  in.seq = sqlite::latest_seq(db, room_key);
  return in;
}

std::vector<MdfEntry> SqliteStore::mdf_ledger(const Id& org) {
  std::lock_guard lock(write_mutex_);
  std::vector<MdfEntry> out;
  Query q = writer_->query(std::string("SELECT ") + kMdfColumns +
                           " WHERE org_id = ? ORDER BY booked_at DESC, rowid DESC");
  q.bind(1, org);
  while (q.step()) out.push_back(read_mdf(q));
  return out;
}

std::optional<Training> SqliteStore::find_training(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + kTrainingColumns + " WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_training(q);
}

std::optional<MarketingActivity> SqliteStore::find_activity(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + kActivityColumns + " WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_activity(q);
}

std::optional<TrainingProgress> SqliteStore::find_progress(const Id& user, const Id& training) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(
      "SELECT user_id, training_id, completed_modules, started_at, completed_at "
      "FROM training_progress WHERE user_id = ? AND training_id = ?");
  q.bind(1, user).bind(2, training);
  if (!q.step()) return std::nullopt;
  return read_progress(q, 0);
}

// [SECTION] Writes

CommandOutcome SqliteStore::apply_program_change(const CommandKey& key,
                                                 const ProgramChange& change,
                                                 const std::vector<NewEvent>& events,
                                                 const nlohmann::json& result, UnixTime now) {
  return run_command(key, events, result, now, [&](Database& db) {
    if (change.activity) write_activity(db, *change.activity);
    if (change.mdf) write_mdf(db, *change.mdf);
    if (change.progress) write_progress(db, *change.progress);
  });
}

void SqliteStore::insert_program_seed(const ProgramSeed& seed) {
  Database& db = *writer_;
  for (const PartnerType& t : seed.types) {
    db.query("INSERT INTO partner_types (id, name, description) VALUES (?,?,?)")
        .bind(1, t.id)
        .bind(2, t.name)
        .bind(3, t.description)
        .run();
  }
  for (const PartnerLevel& l : seed.levels) {
    db.query(
          "INSERT INTO partner_levels (id, type_id, name, rank, revenue_share_bp, "
          "mdf_accrual_bp, requirements) VALUES (?,?,?,?,?,?,?)")
        .bind(1, l.id)
        .bind(2, l.type_id)
        .bind(3, l.level.name)
        .bind(4, int64_t{l.level.rank})
        .bind(5, int64_t{l.level.revenue_share_bp})
        .bind(6, int64_t{l.level.mdf_accrual_bp})
        .bind(7, requirements_json(l.level.requirements))
        .run();
  }
  for (const ParameterCategory& c : seed.categories) {
    std::vector<std::string_view> kpis;
    for (KpiKind k : c.kpis) kpis.push_back(to_string(k));
    db.query("INSERT INTO parameter_categories (id, name, description, kpis) VALUES (?,?,?,?)")
        .bind(1, c.id)
        .bind(2, c.name)
        .bind(3, c.description)
        .bind(4, strings_json(kpis))
        .run();
  }
  for (const Partnership& p : seed.partnerships) {
    std::vector<std::string_view> rooms;
    for (RoomKind r : p.rooms) rooms.push_back(to_string(r));
    db.query(
          "INSERT INTO partnerships (id, org_id, type_id, level, status, revenue_share_bp, "
          "mdf_accrual_bp, payment_terms_days, notes, rooms, manager_id, price_list_id, "
          "started_at, ends_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        .bind(1, p.id)
        .bind(2, p.org_id)
        .bind(3, p.type_id)
        .bind(4, p.level)
        .bind(5, to_string(p.status))
        .bind(6, int64_t{p.conditions.revenue_share_bp})
        .bind(7, int64_t{p.conditions.mdf_accrual_bp})
        .bind(8, int64_t{p.conditions.payment_terms_days})
        .bind(9, p.conditions.notes)
        .bind(10, strings_json(rooms))
        .bind(11, p.manager_id)
        .bind(12, p.price_list_id)
        .bind(13, p.started_at)
        .bind(14, p.ends_at)
        .run();
  }
  for (const ParameterChange& c : seed.history) insert_change(db, c);
  for (const Training& t : seed.trainings) {
    db.query(
          "INSERT INTO trainings (id, title, description, format, modules, duration_minutes, "
          "file_id) VALUES (?,?,?,?,?,?,?)")
        .bind(1, t.id)
        .bind(2, t.title)
        .bind(3, t.description)
        .bind(4, to_string(t.format))
        .bind(5, int64_t{t.modules})
        .bind(6, int64_t{t.duration_minutes})
        .bind(7, t.file_id)
        .run();
  }
  for (const Certification& c : seed.certifications) {
    db.query(
          "INSERT INTO certifications (id, name, description, training_ids, validity_days) "
          "VALUES (?,?,?,?,?)")
        .bind(1, c.id)
        .bind(2, c.name)
        .bind(3, c.description)
        .bind(4, strings_json(c.training_ids))
        .bind(5, int64_t{c.validity_days})
        .run();
  }
  for (const TrainingProgress& p : seed.progress) write_progress(db, p);
  for (const UserCertification& c : seed.certificates) {
    db.query(
          "INSERT INTO user_certifications (id, user_id, org_id, certification_id, earned_at, "
          "expires_at) VALUES (?,?,?,?,?,?)")
        .bind(1, c.id)
        .bind(2, c.user_id)
        .bind(3, c.org_id)
        .bind(4, c.certification_id)
        .bind(5, c.earned_at)
        .bind(6, c.expires_at)
        .run();
  }
  for (const MdfEntry& e : seed.ledger) write_mdf(db, e);
  for (const MarketingActivity& a : seed.activities) write_activity(db, a);
}

// [SECTION] Partnership administration: price lists, tier reviews, rooms

std::optional<Partnership> SqliteStore::find_partnership(const Id& id) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + kPartnershipColumns + " WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_partnership(q);
}

std::optional<Partnership> SqliteStore::partnership_of(const Id& org) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(std::string("SELECT ") + kPartnershipColumns + " WHERE org_id = ?");
  q.bind(1, org);
  if (!q.step()) return std::nullopt;
  return read_partnership(q);
}

std::vector<PartnerLevel> SqliteStore::type_levels(const Id& type_id) {
  std::lock_guard lock(write_mutex_);
  std::vector<PartnerLevel> out;
  Query q = writer_->query(
      "SELECT id, type_id, name, rank, revenue_share_bp, mdf_accrual_bp, requirements "
      "FROM partner_levels WHERE type_id = ? ORDER BY rank");
  q.bind(1, type_id);
  while (q.step())
    out.push_back(PartnerLevel{
        q.column_text(0), q.column_text(1),
        Level{q.column_text(2), static_cast<int32_t>(q.column_int(3)),
              static_cast<int32_t>(q.column_int(4)), static_cast<int32_t>(q.column_int(5)),
              requirements_from(q.column_text(6))}});
  return out;
}

std::optional<PriceItem> SqliteStore::find_price_item(const Id& org, const std::string& sku) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query(
      "SELECT org_id, sku, name, list_minor, currency, discount_bp FROM price_items "
      "WHERE org_id = ? AND sku = ?");
  q.bind(1, org).bind(2, sku);
  if (!q.step()) return std::nullopt;
  return read_price_item(q).item;
}

int64_t SqliteStore::price_item_count(const Id& org) {
  std::lock_guard lock(write_mutex_);
  Query q = writer_->query("SELECT COUNT(*) FROM price_items WHERE org_id = ?");
  q.bind(1, org);
  return q.step() ? q.column_int(0) : 0;
}

CommandOutcome SqliteStore::apply_admin_change(const CommandKey& key, const AdminChange& change,
                                               const std::vector<NewEvent>& events,
                                               const nlohmann::json& result, UnixTime now) {
  return run_command(key, events, result, now, [&](Database& db) {
    if (change.set_item) {
      const PriceItem& i = change.set_item->item;
      db.query(
            "INSERT INTO price_items (org_id, sku, name, list_minor, currency, discount_bp, "
            "updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(org_id, sku) DO "
            "UPDATE SET name = excluded.name, list_minor = excluded.list_minor, currency = "
            "excluded.currency, discount_bp = excluded.discount_bp, updated_by = "
            "excluded.updated_by, updated_at = excluded.updated_at")
          .bind(1, change.set_item->org_id)
          .bind(2, i.sku)
          .bind(3, i.name)
          .bind(4, i.list_price.minor)
          .bind(5, i.list_price.currency)
          .bind(6, int64_t{i.discount_bp})
          .bind(7, change.changed_by)
          .bind(8, now)
          .run();
    }
    if (change.remove_item) {
      db.query("DELETE FROM price_items WHERE org_id = ? AND sku = ?")
          .bind(1, change.remove_item->org_id)
          .bind(2, change.remove_item->item.sku)
          .run();
    }
    if (change.partnership) {
      const Partnership& p = *change.partnership;
      std::vector<std::string_view> rooms;
      for (RoomKind r : p.rooms) rooms.push_back(to_string(r));
      db.query(
            "UPDATE partnerships SET level = ?, revenue_share_bp = ?, mdf_accrual_bp = ?, "
            "rooms = ? WHERE id = ?")
          .bind(1, p.level)
          .bind(2, int64_t{p.conditions.revenue_share_bp})
          .bind(3, int64_t{p.conditions.mdf_accrual_bp})
          .bind(4, strings_json(rooms))
          .bind(5, p.id)
          .run();
      // The organisation row carries the level and share the Overview shows and a deal won
      // from now on locks in (schema 13).
      db.query("UPDATE organisations SET tier = ?, revenue_share_bp = ? WHERE id = ?")
          .bind(1, p.level)
          .bind(2, int64_t{p.conditions.revenue_share_bp})
          .bind(3, p.org_id)
          .run();
    }
    for (const ParameterChange& c : change.history) insert_change(db, c);
  });
}

}  // namespace portal::server
