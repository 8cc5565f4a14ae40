#include "portal/rooms/program.h"

#include <algorithm>

#include "portal/protocol/admin_commands.h"
#include "portal/protocol/model_codecs.h"
#include "portal/protocol/pipeline_commands.h"
#include "protocol/json_fields.h"

namespace portal {
namespace {

using detail::field;
using detail::get_bool;
using detail::get_int;
using detail::get_string;

// [SECTION] Calendar (proleptic Gregorian, UTC)

int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct YearMonth {
  int64_t year = 1970;
  int64_t month = 1;
};

YearMonth civil_month(UnixTime t) {
  int64_t z = (t >= 0 ? t : t - (kSecondsPerDay - 1)) / kSecondsPerDay + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month};
}

YearMonth add_months(YearMonth ym, int months) {
  const int64_t index = ym.year * 12 + (ym.month - 1) + months;
  const int64_t year = index >= 0 ? index / 12 : (index - 11) / 12;
  return {year, index - year * 12 + 1};
}

// [SECTION] Facts

bool in(UnixTime t, UnixTime from, UnixTime to) { return from <= t && t < to; }

int32_t ratio_bp(int64_t part, int64_t whole) {
  if (whole <= 0) return 0;
  return static_cast<int32_t>((part * 10'000 + whole / 2) / whole);
}

ProgramPartner* find_partner_mut(ProgramState& s, const Id& org_id) {
  for (ProgramPartner& p : s.partners)
    if (p.org_id == org_id) return &p;
  return nullptr;
}

// The partner holding lead `id`, and the lead.
std::pair<ProgramPartner*, ProgramLead*> find_lead(ProgramState& s, const Id& id) {
  for (ProgramPartner& p : s.partners)
    for (ProgramLead& l : p.leads)
      if (l.id == id) return {&p, &l};
  return {nullptr, nullptr};
}

// Leads and deals travel as short arrays: a vendor's room holds every partner's, so their size
// decides the snapshot's. [id, created_at, stage, converted] and
// [id, created_at, closed_at, stage, value_minor, currency].
Json lead_json(const ProgramLead& l) {
  return Json::array({l.id, l.created_at, to_string(l.stage), l.converted ? 1 : 0});
}

bool is_int(const Json& j) { return j.is_number_integer() || j.is_number_unsigned(); }

std::optional<ProgramLead> lead_fact_from_json(const Json& j) {
  if (!j.is_array() || j.size() != 4 || !j[0].is_string() || !is_int(j[1]) || !j[2].is_string() ||
      !is_int(j[3]))
    return std::nullopt;
  auto stage = lead_stage_from_string(j[2].get<std::string>());
  if (!stage) return std::nullopt;
  return ProgramLead{j[0].get<std::string>(), j[1].get<int64_t>(), *stage, j[3].get<int64_t>() != 0};
}

Json deal_json(const ProgramDeal& d) {
  return Json::array(
      {d.id, d.created_at, d.closed_at, to_string(d.stage), d.value.minor, d.value.currency});
}

std::optional<ProgramDeal> deal_fact_from_json(const Json& j) {
  if (!j.is_array() || j.size() != 6 || !j[0].is_string() || !is_int(j[1]) || !is_int(j[2]) ||
      !j[3].is_string() || !is_int(j[4]) || !j[5].is_string())
    return std::nullopt;
  auto stage = deal_stage_from_string(j[3].get<std::string>());
  if (!stage) return std::nullopt;
  return ProgramDeal{j[0].get<std::string>(), j[1].get<int64_t>(), j[2].get<int64_t>(), *stage,
                     Money{j[4].get<int64_t>(), j[5].get<std::string>()}};
}

Json to_json(const ProgramEnrolment& e);
Json to_json(const ProgramCertificate& c);

template <class T>
Json list_json(const std::vector<T>& items) {
  Json out = Json::array();
  for (const T& item : items) out.push_back(to_json(item));
  return out;
}

template <class T, class Decode>
bool read_list(const Json& j, const char* name, std::vector<T>& out, Decode decode) {
  const Json* list = field(j, name);
  if (list == nullptr || !list->is_array()) return false;
  for (const Json& item : *list) {
    std::optional<T> v = decode(item);
    if (!v) return false;
    out.push_back(std::move(*v));
  }
  return true;
}

Json to_json(const ProgramEnrolment& e) {
  return {{"org_id", e.org_id}, {"user_name", e.user_name}, {"progress", to_json(e.progress)}};
}

std::optional<ProgramEnrolment> enrolment_from_json(const Json& j) {
  auto org = get_string(j, "org_id");
  auto name = get_string(j, "user_name");
  const Json* pj = field(j, "progress");
  auto progress = pj ? training_progress_from_json(*pj) : std::nullopt;
  if (!org || !name || !progress) return std::nullopt;
  return ProgramEnrolment{*org, *name, std::move(*progress)};
}

Json to_json(const ProgramCertificate& c) {
  return {{"user_name", c.user_name}, {"cert", to_json(c.cert)}};
}

std::optional<ProgramCertificate> certificate_from_json(const Json& j) {
  auto name = get_string(j, "user_name");
  const Json* cj = field(j, "cert");
  auto cert = cj ? user_certification_from_json(*cj) : std::nullopt;
  if (!name || !cert) return std::nullopt;
  return ProgramCertificate{*name, std::move(*cert)};
}

Json figures_json(const ProgramPartner& p) {
  Json kpis = Json::object();
  for (KpiKind k : kAllKpiKinds) kpis[std::string(to_string(k))] = p.kpis.value(k);
  Json progress = Json::array();
  for (const KpiProgress& k : p.next_progress) {
    progress.push_back({{"kind", to_string(k.kind)},
                        {"value", k.value},
                        {"threshold", k.threshold},
                        {"met", k.met},
                        {"fraction_bp", static_cast<int32_t>(k.fraction * 10'000 + 0.5)}});
  }
  Json months = Json::array();
  for (const MonthFigures& m : p.analytics.months) {
    months.push_back({{"year", m.year}, {"month", m.month}, {"leads", m.leads},
                      {"deals", m.deals}, {"won", m.won}});
  }
  const ProgramAnalytics& a = p.analytics;
  return {{"as_of", p.as_of},
          {"kpis", std::move(kpis)},
          {"next_level", p.next_level},
          {"next_progress", std::move(progress)},
          {"overall_bp", p.overall_bp},
          {"mdf_balance_minor", p.mdf_balance_minor},
          {"analytics",
           {{"months", std::move(months)},
            {"leads", a.leads},
            {"converted", a.converted},
            {"conversion_bp", a.conversion_bp},
            {"won", a.won},
            {"lost", a.lost},
            {"win_rate_bp", a.win_rate_bp}}}};
}

Json to_json(const ProgramPartner& p) {
  Json leads = Json::array();
  for (const ProgramLead& l : p.leads) leads.push_back(lead_json(l));
  Json deals = Json::array();
  for (const ProgramDeal& d : p.deals) deals.push_back(deal_json(d));
  return {{"org_id", p.org_id},
          {"name", p.name},
          {"currency", p.currency},
          {"partnership", to_json(p.partnership)},
          {"leads", std::move(leads)},
          {"deals", std::move(deals)},
          {"enrolments", list_json(p.enrolments)},
          {"certificates", list_json(p.certificates)},
          {"ledger", list_json(p.ledger)},
          {"activities", list_json(p.activities)},
          {"history", list_json(p.history)},
          {"price_items", list_json(p.price_items)},
          {"figures", figures_json(p)}};
}

std::optional<ProgramPartner> partner_from_json(const Json& j) {
  ProgramPartner p;
  auto org = get_string(j, "org_id");
  auto name = get_string(j, "name");
  auto currency = get_string(j, "currency");
  const Json* pj = field(j, "partnership");
  auto partnership = pj ? partnership_from_json(*pj) : std::nullopt;
  if (!org || !name || !currency || !partnership) return std::nullopt;
  p.org_id = *org;
  p.name = *name;
  p.currency = *currency;
  p.partnership = std::move(*partnership);
  const bool ok = read_list(j, "leads", p.leads, lead_fact_from_json) &&
                  read_list(j, "deals", p.deals, deal_fact_from_json) &&
                  read_list(j, "enrolments", p.enrolments, enrolment_from_json) &&
                  read_list(j, "certificates", p.certificates, certificate_from_json) &&
                  read_list(j, "ledger", p.ledger, mdf_entry_from_json) &&
                  read_list(j, "activities", p.activities, marketing_activity_from_json) &&
                  read_list(j, "history", p.history, parameter_change_from_json);
  if (!ok) return std::nullopt;
  // Snapshots of servers older than the price lists have none.
  if (field(j, "price_items") != nullptr &&
      !read_list(j, "price_items", p.price_items, price_item_from_json))
    return std::nullopt;
  return p;
}

// [SECTION] Events

bool apply_pipeline(ProgramState& s, std::string_view type, const Json& data) {
  if (type == kEvLeadSubmitted) {
    const Json* lj = field(data, "lead");
    auto lead = lj ? lead_from_json(*lj) : std::nullopt;
    ProgramPartner* p = lead ? find_partner_mut(s, lead->org_id) : nullptr;
    if (!p || find_lead(s, lead->id).second) return false;
    p->leads.push_back(program_lead(*lead, false));
    recompute(s, *p);
    return true;
  }
  if (type == kEvLeadStageChanged || type == kEvLeadConverted) {
    auto id = get_string(data, "lead_id");
    auto [p, lead] = id ? find_lead(s, *id) : std::pair<ProgramPartner*, ProgramLead*>{};
    if (!lead) return false;
    if (type == kEvLeadConverted) {
      lead->converted = true;
    } else {
      auto stage_name = get_string(data, "stage");
      auto stage = stage_name ? lead_stage_from_string(*stage_name) : std::nullopt;
      if (!stage) return false;
      lead->stage = *stage;
    }
    recompute(s, *p);
    return true;
  }
  if (type == kEvDealCreated || type == kEvDealStageChanged) {
    const Json* dj = field(data, "deal");
    auto deal = dj ? deal_from_json(*dj) : std::nullopt;
    ProgramPartner* p = deal ? find_partner_mut(s, deal->org_id) : nullptr;
    if (!p) return false;
    auto it = std::find_if(p->deals.begin(), p->deals.end(),
                           [&](const ProgramDeal& d) { return d.id == deal->id; });
    if (type == kEvDealCreated) {
      if (it != p->deals.end()) return false;
      p->deals.push_back(program_deal(*deal));
    } else {
      if (it == p->deals.end()) return false;
      *it = program_deal(*deal);
    }
    recompute(s, *p);
    return true;
  }
  return false;
}

}  // namespace

// [SECTION] Figures

std::vector<Level> levels_of_type(const ProgramState& s, const Id& type_id) {
  std::vector<Level> out;
  for (const PartnerLevel& l : s.levels)
    if (l.type_id == type_id) out.push_back(l.level);
  std::sort(out.begin(), out.end(), [](const Level& a, const Level& b) { return a.rank < b.rank; });
  return out;
}

ProgramLead program_lead(const Lead& l, bool converted) {
  return ProgramLead{l.id, l.created_at, l.stage, converted};
}

ProgramDeal program_deal(const Deal& d) {
  UnixTime closed = 0;
  if (d.stage == DealStage::ClosedWon) closed = d.won_at != 0 ? d.won_at : d.updated_at;
  if (d.stage == DealStage::ClosedLost) closed = d.updated_at;
  return ProgramDeal{d.id, d.created_at != 0 ? d.created_at : d.updated_at, closed, d.stage,
                     d.value};
}

UnixTime month_start(UnixTime t, int months) {
  const YearMonth ym = add_months(civil_month(t), months);
  return days_from_civil(ym.year, ym.month, 1) * kSecondsPerDay;
}

std::optional<UnixTime> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int64_t parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (size_t k = 0; k < lengths[i]; ++k) {
      const char c = text[starts[i] + k];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  const int64_t y = parts[0], m = parts[1], d = parts[2];
  if (y < 1970 || m < 1 || m > 12 || d < 1) return std::nullopt;
  const int64_t first = days_from_civil(y, m, 1);
  const YearMonth next = add_months(YearMonth{y, m}, 1);
  if (d > days_from_civil(next.year, next.month, 1) - first) return std::nullopt;
  return (first + d - 1) * kSecondsPerDay;
}

PartnerKpis measure_kpis(const ProgramPartner& p, UnixTime from, UnixTime to) {
  PartnerKpis k;
  int64_t leads = 0;
  for (const ProgramLead& l : p.leads)
    if (in(l.created_at, from, to)) ++leads;
  int64_t opportunities = 0;
  int64_t amount = 0;
  int64_t revenue = 0;
  for (const ProgramDeal& d : p.deals) {
    if (d.value.currency != p.currency) continue;
    if (in(d.created_at, from, to)) {
      ++opportunities;
      amount += d.value.minor;
    }
    if (d.stage == DealStage::ClosedWon && in(d.closed_at, from, to)) revenue += d.value.minor;
  }
  std::vector<UserCertification> certs;
  for (const ProgramCertificate& c : p.certificates) certs.push_back(c.cert);
  k.set(KpiKind::LeadsCount, leads);
  k.set(KpiKind::OpportunitiesCount, opportunities);
  k.set(KpiKind::OpportunitiesAmount, amount);
  k.set(KpiKind::RevenueAmount, revenue);
  // Certifications count when valid at the end of the period's last day measured.
  k.set(KpiKind::CertificationsCount, valid_certifications(certs, p.org_id, to - 1));
  return k;
}

ProgramAnalytics analytics(const ProgramPartner& p, UnixTime as_of) {
  ProgramAnalytics a;
  const UnixTime first = month_start(as_of, -(kAnalyticsMonths - 1));
  const UnixTime end = month_start(as_of, 1);
  for (int i = 0; i < kAnalyticsMonths; ++i) {
    const YearMonth ym = civil_month(month_start(first, i));
    a.months.push_back(MonthFigures{static_cast<int32_t>(ym.year), static_cast<int32_t>(ym.month),
                                    0, 0, 0});
  }
  auto bucket = [&](UnixTime t) -> MonthFigures* {
    if (!in(t, first, end)) return nullptr;
    const YearMonth ym = civil_month(t);
    for (MonthFigures& m : a.months)
      if (m.year == ym.year && m.month == ym.month) return &m;
    return nullptr;
  };
  for (const ProgramLead& l : p.leads) {
    MonthFigures* m = bucket(l.created_at);
    if (!m) continue;
    ++m->leads;
    ++a.leads;
    if (l.converted || l.stage == LeadStage::Won) ++a.converted;
  }
  for (const ProgramDeal& d : p.deals) {
    if (MonthFigures* m = bucket(d.created_at)) ++m->deals;
    if (d.closed_at == 0 || !in(d.closed_at, first, end)) continue;
    if (d.stage == DealStage::ClosedWon) {
      ++a.won;
      if (MonthFigures* m = bucket(d.closed_at)) ++m->won;
    } else {
      ++a.lost;
    }
  }
  a.conversion_bp = ratio_bp(a.converted, a.leads);
  a.win_rate_bp = ratio_bp(a.won, a.won + a.lost);
  return a;
}

void recompute(const ProgramState& s, ProgramPartner& p) {
  UnixTime as_of = 0;
  for (const ProgramLead& l : p.leads) as_of = std::max(as_of, l.created_at);
  for (const ProgramDeal& d : p.deals) as_of = std::max({as_of, d.created_at, d.closed_at});
  if (as_of == 0)
    for (const ProgramCertificate& c : p.certificates) as_of = std::max(as_of, c.cert.earned_at);
  p.as_of = as_of;
  // Facts before the KPI window can never count again (as_of only moves forward): leads
  // created before it, and deals created and closed before it. Open deals stay: they may yet
  // close within a window.
  const UnixTime window = month_start(as_of, -(kKpiMonths - 1));
  std::erase_if(p.leads, [&](const ProgramLead& l) { return l.created_at < window; });
  std::erase_if(p.deals, [&](const ProgramDeal& d) {
    return d.created_at < window && d.closed_at != 0 && d.closed_at < window;
  });
  p.kpis = measure_kpis(p, window, month_start(as_of, 1));

  const std::vector<Level> levels = levels_of_type(s, p.partnership.type_id);
  const Level* current = find_level(levels, p.partnership.level);
  const Level* next = next_level(levels, current);
  p.next_level = next ? next->name : std::string();
  p.next_progress = next ? progress_toward(*next, p.kpis) : std::vector<KpiProgress>{};
  if (p.next_progress.empty()) {
    p.overall_bp = next || current ? 10'000 : 0;
  } else {
    double sum = 0;
    for (const KpiProgress& k : p.next_progress) sum += k.fraction;
    p.overall_bp = static_cast<int32_t>(sum / static_cast<double>(p.next_progress.size()) *
                                            10'000 + 0.5);
  }
  p.mdf_balance_minor = mdf_balance(p.ledger, p.currency);
  p.analytics = analytics(p, as_of);
}

void recompute_all(ProgramState& s) {
  for (ProgramPartner& p : s.partners) recompute(s, p);
}

// [SECTION] Codec

Json to_json(const ProgramState& s) {
  Json partners = Json::array();
  for (const ProgramPartner& p : s.partners) partners.push_back(to_json(p));
  return {{"types", list_json(s.types)},
          {"levels", list_json(s.levels)},
          {"trainings", list_json(s.trainings)},
          {"certifications", list_json(s.certifications)},
          {"partners", std::move(partners)}};
}

std::optional<ProgramState> program_from_json(const Json& j) {
  ProgramState s;
  const bool ok = read_list(j, "types", s.types, partner_type_from_json) &&
                  read_list(j, "levels", s.levels, partner_level_from_json) &&
                  read_list(j, "trainings", s.trainings, training_from_json) &&
                  read_list(j, "certifications", s.certifications, certification_from_json) &&
                  read_list(j, "partners", s.partners, partner_from_json);
  if (!ok) return std::nullopt;
  recompute_all(s);
  return s;
}

bool apply(ProgramState& s, std::string_view event_type, const Json& data) {
  if (event_type == kEvMdfRecorded) {
    const Json* ej = field(data, "entry");
    auto entry = ej ? mdf_entry_from_json(*ej) : std::nullopt;
    ProgramPartner* p = entry ? find_partner_mut(s, entry->org_id) : nullptr;
    if (!p) return false;
    for (const MdfEntry& e : p->ledger)
      if (e.id == entry->id) return false;
    p->ledger.insert(p->ledger.begin(), std::move(*entry));
    if (p->ledger.size() > kMaxLedgerRows) p->ledger.pop_back();
    recompute(s, *p);
    return true;
  }
  if (event_type == kEvTrainingProgressSet) {
    auto org = get_string(data, "org_id");
    auto name = get_string(data, "user_name");
    const Json* pj = field(data, "progress");
    auto progress = pj ? training_progress_from_json(*pj) : std::nullopt;
    ProgramPartner* p = org ? find_partner_mut(s, *org) : nullptr;
    if (!p || !name || !progress) return false;
    auto it = std::find_if(p->enrolments.begin(), p->enrolments.end(),
                           [&](const ProgramEnrolment& e) {
                             return e.progress.user_id == progress->user_id &&
                                    e.progress.training_id == progress->training_id;
                           });
    if (it == p->enrolments.end()) {
      p->enrolments.push_back(ProgramEnrolment{*org, *name, std::move(*progress)});
    } else {
      it->user_name = *name;
      it->progress = std::move(*progress);
    }
    return true;
  }
  if (event_type == kEvActivityAdded) {
    const Json* aj = field(data, "activity");
    auto activity = aj ? marketing_activity_from_json(*aj) : std::nullopt;
    ProgramPartner* p = activity ? find_partner_mut(s, activity->org_id) : nullptr;
    if (!p) return false;
    for (const MarketingActivity& a : p->activities)
      if (a.id == activity->id) return false;
    auto at = std::find_if(p->activities.begin(), p->activities.end(),
                           [&](const MarketingActivity& a) {
                             return a.starts_at <= activity->starts_at;
                           });
    p->activities.insert(at, std::move(*activity));
    return true;
  }
  if (event_type == kEvPriceItemSet) {
    auto org = get_string(data, "org_id");
    const Json* ij = field(data, "item");
    auto item = ij ? price_item_from_json(*ij) : std::nullopt;
    ProgramPartner* p = org ? find_partner_mut(s, *org) : nullptr;
    if (!p || !item) return false;
    auto at = std::lower_bound(
        p->price_items.begin(), p->price_items.end(), item->sku,
        [](const PriceItem& i, const std::string& sku) { return i.sku < sku; });
    if (at != p->price_items.end() && at->sku == item->sku) {
      if (*at == *item) return false;
      *at = std::move(*item);
    } else {
      p->price_items.insert(at, std::move(*item));
    }
    return true;
  }
  if (event_type == kEvPriceItemRemoved) {
    auto org = get_string(data, "org_id");
    auto sku = get_string(data, "sku");
    ProgramPartner* p = org ? find_partner_mut(s, *org) : nullptr;
    if (!p || !sku) return false;
    return std::erase_if(p->price_items, [&](const PriceItem& i) { return i.sku == *sku; }) > 0;
  }
  if (event_type == kEvPartnershipChanged) {
    const Json* pj = field(data, "partnership");
    auto partnership = pj ? partnership_from_json(*pj) : std::nullopt;
    ProgramPartner* p = partnership ? find_partner_mut(s, partnership->org_id) : nullptr;
    if (!p) return false;
    std::vector<ParameterChange> changes;
    if (field(data, "changes") != nullptr &&
        !read_list(data, "changes", changes, parameter_change_from_json))
      return false;
    // Replayed after a snapshot that already holds them: the history keeps each change once.
    for (const ParameterChange& c : p->history)
      for (const ParameterChange& n : changes)
        if (!c.id.empty() && c.id == n.id) return false;
    p->partnership = std::move(*partnership);
    // Newest first, as the store hands the history.
    for (ParameterChange& c : changes) p->history.insert(p->history.begin(), std::move(c));
    recompute(s, *p);
    return true;
  }
  return apply_pipeline(s, event_type, data);
}

const ProgramPartner* find_program_partner(const ProgramState& s, const Id& org_id) {
  for (const ProgramPartner& p : s.partners)
    if (p.org_id == org_id) return &p;
  return nullptr;
}

}  // namespace portal
