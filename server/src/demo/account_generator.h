// Generated customer accounts for demo programs: realistic names and web domains, one to four
// commitment plans each (executed, executable, expired; some eligible for a private offer) and
// the tasks a partner would have open or done. Deterministic for a given seed.
#pragma once
#include <cstdint>

#include "store/store.h"

namespace portal::server {

inline constexpr int32_t kMaxGeneratedAccounts = 200'000;  // --demo-accounts

// Appends `count` accounts of organisation `org` (with plans and tasks) to `out`, registered
// over the 18 months before `as_of`, amounts in `currency`.
void generate_accounts(uint64_t seed, const Id& org, int32_t count, UnixTime as_of,
                       const std::string& currency, SeedData& out);

}  // namespace portal::server
