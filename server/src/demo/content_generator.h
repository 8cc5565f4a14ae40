// The generated program's content (resources, brand assets, contacts, custom rooms, cases and
// KB articles), drawn from its own random sequence so the partners, leads and deals of a seed
// stay what they were before content existed.
#pragma once
#include <cstdint>
#include <vector>

#include "demo/rng.h"
#include "store/store.h"

namespace portal::server {

class ContentGenerator {
 public:
  explicit ContentGenerator(uint64_t seed) : rng_(seed) {}
  // The vendor's team as contacts, the program-wide catalogue, the KB and two custom rooms.
  void vendor(const Organisation& vendor, const std::vector<SeedUser>& staff, UnixTime as_of,
              ContentSeed& out);
  // A partner's contacts (its first users), one resource just for it, and a few cases.
  void partner(const Organisation& org, const std::vector<SeedUser>& users, UnixTime as_of,
               ContentSeed& out);

 private:
  Rng rng_;
  std::vector<Id> support_staff_;  // who cases get assigned to
};

}  // namespace portal::server
