#include "demo/account_generator.h"

#include <array>
#include <string_view>
#include <unordered_set>

#include "demo/rng.h"

namespace portal::server {
namespace {

using Words = std::string_view;
constexpr std::array<Words, 24> kFirst = {
    "Alder", "Birch", "Crane", "Dune",  "Elm",   "Flint", "Glade", "Heron",
    "Iris",  "Jade",  "Kite",  "Larch", "Moss",  "Nova",  "Onyx",  "Pine",
    "Quill", "Reed",  "Sage",  "Tern",  "Umber", "Vale",  "Wren",  "Yew"};
constexpr std::array<Words, 20> kSecond = {
    "Foods",     "Health",   "Logistics", "Retail",   "Insurance", "Manufacturing", "Travel",
    "Schools",   "Energy",   "Media",     "Pharma",   "Banking",   "Hotels",        "Motors",
    "Farms",     "Telecom",  "Robotics",  "Software", "Clinics",   "Freight"};
constexpr std::array<Words, 6> kForm = {"", " Group", " GmbH", " AG", " Ltd", " & Co"};
constexpr std::array<Words, 8> kPlan = {
    "Analytics suite",  "Data platform",     "Security bundle", "Support plus",
    "Storage tier",     "Compute commitment", "AI workbench",   "Backup service"};
constexpr std::array<Words, 3> kTerm = {"1 year", "2 years", "3 years"};
constexpr std::array<AccountTaskKind, 5> kKinds = {
    AccountTaskKind::CompleteOnboarding, AccountTaskKind::EnableMarketplace,
    AccountTaskKind::CreatePrivateOffer, AccountTaskKind::ScheduleBusinessReview,
    AccountTaskKind::RenewPlan};

constexpr int64_t kSpanSeconds = 548 * kSecondsPerDay;

std::string slug(std::string_view s) {
  std::string out;
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out += c;
    else if (c >= 'A' && c <= 'Z')
      out += static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

void generate_accounts(uint64_t seed, const Id& org, int32_t count, UnixTime as_of,
                       const std::string& currency, SeedData& out) {
  Rng rng(seed ^ 0xACC0'0A7'5EEDULL);
  std::unordered_set<std::string> names;
  for (int32_t i = 0; i < count; ++i) {
    CustomerAccount a;
    a.id = rng.id();
    a.org_id = org;
    const std::string base = std::string(rng.pick(kFirst)) + " " + std::string(rng.pick(kSecond));
    a.name = base + std::string(rng.pick(kForm));
    for (int n = 2; !names.insert(a.name).second; ++n) a.name = base + " " + std::to_string(n);
    a.website = slug(a.name) + ".example";
    a.created_at = as_of - rng.range(kSecondsPerDay, kSpanSeconds);
    a.lifetime_revenue = Money{rng.range(0, 4'000) * 100 * 100, currency};
    const int plans = static_cast<int>(rng.range(1, 4));
    for (int p = 0; p < plans; ++p) {
      CommitmentPlan plan;
      plan.id = rng.id();
      plan.name = std::string(rng.pick(kPlan)) + ", " + std::string(rng.pick(kTerm));
      plan.value = Money{rng.range(5, 900) * 1000 * 100, currency};
      plan.status = static_cast<PlanStatus>(rng.weighted(std::array<int, 3>{45, 35, 20}));
      plan.cppo_eligible = rng.range(0, 99) < 50;
      plan.via_cppo = plan.cppo_eligible && plan.status == PlanStatus::Executed &&
                      rng.range(0, 99) < 60;
      plan.expires_at = plan.status == PlanStatus::ExpiredUnexecuted
                            ? as_of - rng.range(1, 180) * kSecondsPerDay
                            : as_of + rng.range(30, 720) * kSecondsPerDay;
      a.plans.push_back(std::move(plan));
    }
    const int tasks = static_cast<int>(rng.range(0, 3));
    for (int t = 0; t < tasks; ++t) {
      AccountTask task;
      task.id = rng.id();
      task.account_id = a.id;
      task.kind = kKinds[static_cast<size_t>(t + rng.range(0, 2)) % kKinds.size()];
      task.status = rng.range(0, 99) < 35 ? TaskStatus::Done : TaskStatus::Open;
      if (task.status == TaskStatus::Done)
        task.completed_at = std::min(as_of, a.created_at + rng.range(1, 60) * kSecondsPerDay);
      else if (rng.range(0, 99) < 50)
        task.due_at = as_of + rng.range(3, 60) * kSecondsPerDay;
      out.account_tasks.push_back(std::move(task));
    }
    out.accounts.push_back(std::move(a));
  }
}

}  // namespace portal::server
