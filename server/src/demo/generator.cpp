#include "demo/generator.h"

#include "demo/account_generator.h"
#include "demo/content_generator.h"
#include "demo/rng.h"

#include <array>
#include <string_view>
#include <unordered_set>

namespace portal::server {
namespace {

// [SECTION] Word lists
using Words = std::string_view;
constexpr std::array<Words, 26> kSyllableA = {
    "Ac", "Bel", "Cor", "Dal", "Ev", "Fen", "Gal", "Hal", "Iv", "Jun", "Kel", "Lum", "Mar",
    "Nor", "Or", "Pel", "Quin", "Ros", "Sol", "Tal", "Ul", "Ver", "Wyn", "Xan", "Yor", "Zen"};
constexpr std::array<Words, 16> kSyllableB = {"ara", "ex",   "ion",   "ora",   "ium",  "is",
                                              "on",  "ta",   "via",   "ent",   "ix",   "wood",
                                              "ridge", "field", "gate", "stone"};
constexpr std::array<Words, 12> kOrgSuffix = {
    "Integrations", "Consulting", "Solutions", "Systems",  "Partners", "Analytics",
    "Digital",      "Cloud",      "Technologies", "Advisory", "Networks", "Labs"};
constexpr std::array<Words, 12> kRegion = {"Nordic", "Iberia", "Benelux", "Alpine",
                                           "Baltic", "Atlantic", "Central", "Pacific",
                                           "Danube", "Rhine",  "Adriatic", "Highland"};
constexpr std::array<Words, 24> kFirst = {
    "Anna", "Ben",   "Carla", "David", "Elif",  "Farid", "Greta", "Hugo",
    "Ines", "Jonas", "Kira",  "Luca",  "Mira",  "Nils",  "Olga",  "Pavel",
    "Rosa", "Sven",  "Tara",  "Umar",  "Vera",  "Wim",   "Yara",  "Zoe"};
constexpr std::array<Words, 24> kLast = {
    "Adler", "Berg",   "Costa",  "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen",
    "Ito",   "Jensen", "Kowalski", "Larsen", "Meyer", "Novak",  "Okafor", "Petrov",
    "Quinn", "Rossi",  "Silva",  "Tanaka", "Uddin",  "Varga",  "Weber",  "Young"};
constexpr std::array<Words, 20> kCompanyA = {
    "Kestrel", "Orchid",  "Granite", "Lumen", "Pelican", "Vireo",  "Summit",
    "Harbor",  "Cobalt",  "Juniper", "Falcon", "Maple",  "Aurora", "Beacon",
    "Cedar",   "Delta",   "Ember",   "Fjord",  "Helix",  "Ivory"};
constexpr std::array<Words, 16> kCompanyB = {
    "Foods",   "Health",  "Logistics", "Retail",  "Insurance", "Manufacturing",
    "Travel",  "Schools", "Energy",    "Media",   "Pharma",    "Banking",
    "Hotels",  "Motors",  "Farms",     "Telecom"};
constexpr std::array<Words, 10> kProject = {
    "cloud migration", "analytics pilot",   "ERP roll-out",   "data warehouse",
    "security review", "support contract",  "CRM integration", "platform renewal",
    "edge rollout",    "licence expansion"};
constexpr std::array<Words, 8> kNotes = {
    "Met at a trade fair.",          "Referred by an existing customer.",
    "Inbound request via website.",  "Renewal of a competitor contract.",
    "Asked for a demo next quarter.", "Budget approved for this year.",
    "Evaluating two vendors.",       ""};
// Deal and lead values: a bucket, then uniform within it (whole euros, in cents).
constexpr std::array<int64_t, 8> kValueEuros = {1'000,  2'500,   5'000,   10'000,
                                                25'000, 50'000, 100'000, 250'000};

struct Tier {
  Words name;
  int32_t share_bp;
};
constexpr std::array<Tier, 4> kTiers = {{{"Bronze", 800}, {"Silver", 1000}, {"Gold", 1500},
                                         {"Platinum", 2000}}};
constexpr std::array<int, 4> kTierWeights = {50, 30, 15, 5};

constexpr int64_t kSpanSeconds = 548 * kSecondsPerDay;  // about 18 months

std::string lower_slug(std::string_view s) {
  std::string out;
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  return out;
}

int64_t value_minor(Rng& rng) {
  const size_t bucket = rng.next() % (kValueEuros.size() - 1);
  const int64_t euros = rng.range(kValueEuros[bucket], kValueEuros[bucket + 1]);
  return euros / 100 * 100 * 100;  // whole hundreds of euros, in cents
}

}  // namespace

// [SECTION] The generator
struct ProgramGenerator::State {
  GeneratorOptions options;
  std::string password_hash;
  Rng rng;
  Rng account_rng;
  int32_t made = 0;
  bool vendor_done = false;
  std::unordered_set<std::string> names;
  SeedData batch;
  GeneratedCounts counts;
  Id reseller_type;                 // the one partner type generated partners have
  std::vector<Id> training_ids;     // the training catalogue
  Id certification_id;
  ContentGenerator content{0};      // its own sequence (see content_generator.h)

  State(const GeneratorOptions& o, std::string hash)
      : options(o),
        password_hash(std::move(hash)),
        rng(o.seed),
        account_rng(~o.seed),
        content(o.seed ^ 0xC0FFEEULL) {}

  UnixTime past_time() { return options.as_of - rng.range(kSecondsPerDay / 24, kSpanSeconds); }

  void add_user(const Id& org, std::string email, std::string name, Role role, UnixTime at) {
    SeedUser su;
    su.record.user = User{rng.id(), org, std::move(email), std::move(name), role};
    su.record.password_hash = password_hash;
    su.created_at = at;
    batch.users.push_back(std::move(su));
  }

  void make_vendor() {
    Organisation v{rng.id(), "Northwind Cloud", OrgKind::Vendor, "", 0, "EUR", 25};
    const UnixTime at = options.as_of - kSpanSeconds;
    add_user(v.id, "alex.morgan@northwind.example", "Alex Morgan", Role::VendorAdmin, at);
    add_user(v.id, "priya.shah@northwind.example", "Priya Shah", Role::PartnerManager, at);
    add_user(v.id, "sam.lee@northwind.example", "Sam Lee", Role::SupportStaff, at);
    content.vendor(v, batch.users, options.as_of, batch.content);
    batch.orgs.push_back(std::move(v));
    make_program_catalogue();
  }

  // [SECTION] The partner program: one partner type with the four tiers, a small training
  // catalogue and one certification; per partner its partnership, history, MDF and activities.
  void make_program_catalogue() {
    ProgramSeed& p = batch.program;
    reseller_type = rng.id();
    p.types.push_back(PartnerType{reseller_type, "Reseller", "Resells Northwind Cloud."});
    const std::array<std::vector<LevelRequirement>, 4> requirements = {{
        {{KpiKind::LeadsCount, 5}},
        {{KpiKind::LeadsCount, 15}, {KpiKind::OpportunitiesCount, 5},
         {KpiKind::RevenueAmount, 10'000'000}},
        {{KpiKind::LeadsCount, 30}, {KpiKind::OpportunitiesCount, 12},
         {KpiKind::RevenueAmount, 50'000'000}, {KpiKind::CertificationsCount, 1}},
        {{KpiKind::LeadsCount, 45}, {KpiKind::OpportunitiesCount, 20},
         {KpiKind::OpportunitiesAmount, 200'000'000}, {KpiKind::RevenueAmount, 150'000'000},
         {KpiKind::CertificationsCount, 2}},
    }};
    for (size_t i = 0; i < kTiers.size(); ++i) {
      p.levels.push_back(PartnerLevel{
          rng.id(), reseller_type,
          Level{std::string(kTiers[i].name), static_cast<int32_t>(i + 1), kTiers[i].share_bp,
                static_cast<int32_t>(100 + 50 * i), requirements[i]}});
    }
    static constexpr std::array<std::pair<Words, int32_t>, 3> kTrainings = {
        {{"Northwind Cloud Fundamentals", 6}, {"Selling Northwind Analytics", 3},
         {"Data Platform Architecture", 8}}};
    for (const auto& [title, modules] : kTrainings) {
      training_ids.push_back(rng.id());
      p.trainings.push_back(Training{training_ids.back(), std::string(title), "",
                                     TrainingFormat::Course, modules, modules * 40, ""});
    }
    certification_id = rng.id();
    p.certifications.push_back(Certification{certification_id, "Certified Sales Professional",
                                             "", {training_ids[0], training_ids[1]}, 365});
  }

  void make_partner_program(const Organisation& org, const std::vector<Id>& users,
                            UnixTime joined) {
    ProgramSeed& p = batch.program;
    Partnership ps;
    ps.id = rng.id();
    ps.org_id = org.id;
    ps.type_id = reseller_type;
    ps.level = org.tier;
    ps.conditions.revenue_share_bp = org.revenue_share_bp;
    ps.conditions.mdf_accrual_bp = 100;
    for (RoomKind r : kAllRooms) ps.rooms.insert(r);
    ps.started_at = joined;
    p.history.push_back(ParameterChange{rng.id(), ps.id, PartnershipParameter::Level, "",
                                        org.tier, "Partnership signed", joined, "", joined});
    p.partnerships.push_back(std::move(ps));

    // Credits first, then debits that never take the balance below zero.
    int64_t balance = 0;
    const int credits = static_cast<int>(rng.range(1, 3));
    for (int i = 0; i < credits; ++i) {
      const int64_t amount = rng.range(10, 80) * 10'000;
      balance += amount;
      p.ledger.push_back(MdfEntry{rng.id(), org.id, MdfDirection::Credit, Money{amount, "EUR"},
                                  "MDF allocation", "", "", joined + i * 30 * kSecondsPerDay});
    }
    MarketingActivity a;
    a.id = rng.id();
    a.org_id = org.id;
    a.title = std::string(rng.pick(kCompanyB)) + " " + std::string(rng.pick(kProject)) + " webinar";
    a.kind = ActivityKind::Webinar;
    a.status = ActivityStatus::Completed;
    a.starts_at = past_time();
    a.ends_at = a.starts_at + kSecondsPerDay;
    a.budget = Money{balance, "EUR"};
    a.mdf_requested = Money{balance / 2, "EUR"};
    a.leads_generated = static_cast<int32_t>(rng.range(0, 12));
    p.ledger.push_back(MdfEntry{rng.id(), org.id, MdfDirection::Debit, a.mdf_requested,
                                a.title, a.id, "", a.ends_at});
    p.activities.push_back(std::move(a));

    const UnixTime started = past_time();
    const int32_t done = static_cast<int32_t>(rng.range(0, 6));
    p.progress.push_back(TrainingProgress{users.front(), training_ids[0], done, started,
                                          done == 6 ? started + 14 * kSecondsPerDay : 0});
  }

  std::string unique_name() {
    std::string base = std::string(rng.pick(kSyllableA)) + std::string(rng.pick(kSyllableB)) +
                       " " + std::string(rng.pick(kOrgSuffix));
    std::string name = base;
    for (int attempt = 0; !names.insert(name).second; ++attempt) {
      name = attempt < 4 ? base + " " + std::string(rng.pick(kRegion))
                         : base + " " + std::to_string(attempt);
    }
    return name;
  }

  void make_partner() {
    const Tier& tier = kTiers[rng.weighted(kTierWeights)];
    Organisation org{rng.id(), unique_name(), OrgKind::Partner, std::string(tier.name),
                     tier.share_bp, "EUR", 0};
    const std::string domain = lower_slug(org.name) + ".example";
    const UnixTime joined = past_time();

    const int users = static_cast<int>(rng.range(2, 8));
    std::vector<Id> user_ids;
    std::unordered_set<std::string> emails;
    for (int i = 0; i < users; ++i) {
      const std::string first(rng.pick(kFirst));
      const std::string last(rng.pick(kLast));
      std::string local = lower_slug(first) + "." + lower_slug(last);
      for (int n = 2; !emails.insert(local).second; ++n) {
        local = lower_slug(first) + "." + lower_slug(last) + std::to_string(n);
      }
      const Role role = i == 0 || (i == 5) ? Role::PartnerAdmin : Role::PartnerUser;
      add_user(org.id, local + "@" + domain, first + " " + last, role, joined);
      user_ids.push_back(batch.users.back().record.user.id);
    }
    org.licences = users + static_cast<int32_t>(rng.range(0, 3));

    const int leads = static_cast<int>(rng.range(20, 60));
    for (int i = 0; i < leads; ++i) make_lead(org.id, user_ids);
    const int deals = static_cast<int>(rng.range(5, 30));
    for (int i = 0; i < deals; ++i) make_deal(org);
    // Accounts draw from their own sequence, so programs generated before accounts existed
    // keep their partners, leads and deals.
    const int32_t accounts =
        made == 0 && options.first_partner_accounts > 0
            ? options.first_partner_accounts
            : static_cast<int32_t>(account_rng.range(
                  5, std::max<int64_t>(5, options.accounts_per_partner_max)));
    generate_accounts(account_rng.next(), org.id, accounts, options.as_of, org.currency, batch);
    make_partner_program(org, user_ids, joined);
    content.partner(org, batch.users, options.as_of, batch.content);
    batch.orgs.push_back(std::move(org));
    ++made;
  }

  void make_lead(const Id& org, const std::vector<Id>& users) {
    Lead l;
    l.id = rng.id();
    l.org_id = org;
    const std::string company =
        std::string(rng.pick(kCompanyA)) + " " + std::string(rng.pick(kCompanyB));
    const std::string first(rng.pick(kFirst));
    const std::string last(rng.pick(kLast));
    l.draft.company = company;
    l.draft.contact = first + " " + last;
    l.draft.email = lower_slug(first) + "." + lower_slug(last) + "@" + lower_slug(company) + ".example";
    l.draft.phone = "+49 30 " + std::to_string(rng.range(1'000'000, 9'999'999));
    l.draft.notes = std::string(rng.pick(kNotes));
    l.draft.value_minor = value_minor(rng);
    l.draft.currency = "EUR";
    l.created_by = users[static_cast<size_t>(rng.range(0, static_cast<int64_t>(users.size()) - 1))];
    l.created_at = past_time();
    // Young leads are still open; older ones have mostly been decided.
    static constexpr std::array<LeadStage, 4> kOpen = {LeadStage::Submitted, LeadStage::Qualified,
                                                       LeadStage::Demo, LeadStage::Proposal};
    static constexpr std::array<LeadStage, 3> kClosed = {LeadStage::Won, LeadStage::Lost,
                                                         LeadStage::Rejected};
    const bool young = options.as_of - l.created_at < 45 * kSecondsPerDay;
    if (young || rng.range(0, 99) < 20) {
      l.stage = young ? kOpen[rng.weighted(std::array<int, 4>{40, 30, 20, 10})]
                      : kOpen[static_cast<size_t>(rng.range(1, 3))];
    } else {
      l.stage = kClosed[rng.weighted(std::array<int, 3>{40, 45, 15})];
      l.closed_at = std::min(options.as_of, l.created_at + rng.range(7, 120) * kSecondsPerDay);
    }
    batch.leads.push_back(std::move(l));
  }

  void make_deal(const Organisation& org) {
    static constexpr std::array<DealStage, 6> kStages = {
        DealStage::Prospecting, DealStage::Qualification, DealStage::Proposal,
        DealStage::Negotiation, DealStage::ClosedWon,     DealStage::ClosedLost};
    Deal d;
    d.id = rng.id();
    d.org_id = org.id;
    d.customer = std::string(rng.pick(kCompanyA)) + " " + std::string(rng.pick(kCompanyB));
    d.name = d.customer + " " + std::string(rng.pick(kProject));
    d.stage = kStages[rng.weighted(std::array<int, 6>{15, 15, 15, 10, 30, 15})];
    d.value = Money{value_minor(rng), "EUR"};
    d.updated_at = past_time();
    d.created_at = std::max(options.as_of - kSpanSeconds,
                            d.updated_at - rng.range(1, 90) * kSecondsPerDay);
    if (d.stage == DealStage::ClosedWon) {
      d.won_at = d.updated_at;
      d.commission_paid = rng.range(0, 99) < 60;
      d.commission_bp = org.revenue_share_bp;  // the generated tiers never changed
    }
    batch.deals.push_back(std::move(d));
  }

  const SeedData* next() {
    batch = SeedData{};
    if (!vendor_done) {
      make_vendor();
      vendor_done = true;
    } else if (made >= options.partners) {
      return nullptr;
    }
    const int32_t until = std::min(options.partners, made + std::max(1, options.batch_partners));
    while (made < until) make_partner();
    counts.orgs += static_cast<int64_t>(batch.orgs.size());
    counts.users += static_cast<int64_t>(batch.users.size());
    counts.leads += static_cast<int64_t>(batch.leads.size());
    counts.deals += static_cast<int64_t>(batch.deals.size());
    counts.accounts += static_cast<int64_t>(batch.accounts.size());
    return &batch;
  }
};

ProgramGenerator::ProgramGenerator(const GeneratorOptions& options, std::string password_hash)
    : state_(std::make_unique<State>(options, std::move(password_hash))) {}

ProgramGenerator::~ProgramGenerator() = default;

const SeedData* ProgramGenerator::next() { return state_->next(); }

const GeneratedCounts& ProgramGenerator::counts() const { return state_->counts; }

std::string generate_program(Store& store, PasswordHasher& hasher,
                             const GeneratorOptions& options, GeneratedCounts* counts) {
  if (options.partners < 1 || options.partners > kMaxGeneratedPartners) {
    return "the number of partners must be from 1 to " + std::to_string(kMaxGeneratedPartners);
  }
  if (!store.empty()) {
    return "the database already has organisations; generating needs an empty database";
  }
  auto hash = hasher.hash(kGeneratedPassword);
  if (!hash) return "could not hash the demo password (out of memory?)";
  ProgramGenerator generator(options, *hash);
  store.seed_batches([&] { return generator.next(); });
  if (counts) *counts = generator.counts();
  return {};
}

}  // namespace portal::server
