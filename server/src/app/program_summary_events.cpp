#include "app/program_summary_events.h"

#include <algorithm>
#include <mutex>
#include <string_view>

#include "app/program_builder.h"
#include "app/room_keys.h"
#include "portal/rooms/program_summary.h"

namespace portal::server {
namespace {

// The organisation of a partner's Program room key ("org:<id>/program"), or "".
Id program_org(std::string_view key) {
  constexpr std::string_view kPrefix = "org:";
  constexpr std::string_view kSuffix = "/program";
  if (!key.starts_with(kPrefix) || !key.ends_with(kSuffix)) return {};
  return Id(key.substr(kPrefix.size(), key.size() - kPrefix.size() - kSuffix.size()));
}

constexpr size_t kMaxCatchUp = 5000;  // more missed events and a rebuild is as cheap

struct SummaryCache {
  std::mutex mutex;
  std::string room_key;
  int64_t seq = -1;
  ProgramSummaryState state;
};

SummaryCache& summary_cache() {
  static SummaryCache cache;
  return cache;
}

}  // namespace

Json vendor_program_snapshot(Store& store, const std::string& room_key, int64_t& seq) {
  SummaryCache& c = summary_cache();
  std::lock_guard lock(c.mutex);
  bool fresh = false;
  if (c.seq >= 0 && c.room_key == room_key) {
    if (auto missed = store.events_after(room_key, c.seq, kMaxCatchUp)) {
      for (const StoredEvent& e : *missed) {
        apply(c.state, e.type, e.data);
        c.seq = e.seq;
      }
      fresh = true;
    }
  }
  if (!fresh) {
    const ProgramInputs in = store.program_inputs(std::nullopt, room_key);
    c.state = summarise(build_program(in));
    c.seq = in.seq;
    c.room_key = room_key;
  }
  seq = c.seq;
  return to_json(c.state);
}

void summarise_program_events(Store& store, std::vector<NewEvent>& events) {
  const std::string vendor_key = vendor_room_key(RoomKind::Program);
  std::vector<Id> orgs;
  for (const NewEvent& e : events) {
    const Id org = program_org(e.room_key);
    if (!org.empty() && std::find(orgs.begin(), orgs.end(), org) == orgs.end())
      orgs.push_back(org);
  }
  std::erase_if(events, [&](const NewEvent& e) {
    return e.room_key == vendor_key && e.type != kEvProgramPartnerChanged;
  });
  for (const Id& org : orgs) {
    const std::string key = partner_room_key(org, RoomKind::Program);
    ProgramState s = build_program(store.program_inputs(org, key));
    for (const NewEvent& e : events)
      if (e.room_key == key) apply(s, e.type, e.data);
    const ProgramPartner* p = find_program_partner(s, org);
    if (p == nullptr) continue;  // not a partner organisation: nothing to summarise
    events.push_back({vendor_key, std::string(kEvProgramPartnerChanged),
                      Json{{"row", to_json(summary_row(s, *p))}}});
  }
}

}  // namespace portal::server
