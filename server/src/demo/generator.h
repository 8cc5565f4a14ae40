// A deterministic generator of large demo programs for load tests and benchmarks: a vendor
// with its staff and N partners with realistic names, tiers, users, leads and deals spread over
// the 18 months before a fixed date. The same seed and size give byte-identical rows (ids
// included); only the one password hash, made by the caller, differs between runs.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "auth/passwords.h"
#include "store/store.h"

namespace portal::server {

// 2026-03-01T00:00:00Z, the as-of date of the demo program (assets/demo/README.md).
inline constexpr UnixTime kGeneratorAsOf = 1'772'323'200;
// Every generated user's password (the demo's published one).
inline constexpr const char* kGeneratedPassword = "portal-demo-2026";

struct GeneratorOptions {
  int32_t partners = 100;
  uint64_t seed = 2026;
  UnixTime as_of = kGeneratorAsOf;
  int32_t batch_partners = 200;  // partners per batch handed to the store
  int32_t accounts_per_partner_max = 15;  // each partner gets 5..max customer accounts
  int32_t first_partner_accounts = 0;     // > 0: the first partner gets this many instead
};
inline constexpr int32_t kMaxGeneratedPartners = 1'000'000;

struct GeneratedCounts {
  int64_t orgs = 0;
  int64_t users = 0;
  int64_t leads = 0;
  int64_t deals = 0;
  int64_t accounts = 0;
};

// Produces the program batch by batch: first the vendor and its staff (alex.morgan@,
// priya.shah@, sam.lee@northwind.example), then the partners in order.
class ProgramGenerator {
 public:
  ProgramGenerator(const GeneratorOptions& options, std::string password_hash);
  ~ProgramGenerator();
  // The next batch, valid until the next call; nullptr when every partner has been made.
  const SeedData* next();
  const GeneratedCounts& counts() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Hashes the shared password once and writes the program into `store` in one transaction.
// Refuses (returns a sentence) when the store already has organisations or the options are out
// of range; an empty string on success. `counts` receives what was written.
std::string generate_program(Store& store, PasswordHasher& hasher,
                             const GeneratorOptions& options, GeneratedCounts* counts = nullptr);

}  // namespace portal::server
