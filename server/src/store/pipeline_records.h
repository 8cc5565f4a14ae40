// What the store reads and writes for the Leads and Deals rooms (see store.h).
#pragma once
#include <optional>
#include <vector>

#include "portal/model/pipeline.h"
#include "portal/rules/duplicates.h"

namespace portal::server {

struct LeadRecord {
  Lead lead;
  UnixTime updated_at = 0;
  Id deal_id;  // the deal it became; empty until converted
};

struct DealNoteRecord {
  DealNote note;
  std::string author_name;
};

// Everything a Leads or Deals room is built from, read in one consistent snapshot.
struct PipelineInputs {
  std::vector<Organisation> orgs;  // the partner itself, or every partner for vendor staff
  std::vector<LeadRecord> leads;   // newest first (filled for the Leads room)
  std::vector<Deal> deals;         // most recently updated first (filled for the Deals room)
  std::vector<DealNoteRecord> notes;  // oldest first (Deals room)
  int64_t seq = 0;
};

// The rows one pipeline command writes, in the same transaction as its events.
struct PipelineChange {
  std::optional<LeadRecord> lead;  // existing lead: its stage, closed_at, updated_at, deal_id
  std::optional<Deal> deal;        // inserted, or replaces the stored deal of that id
  std::optional<DealNoteRecord> note;
};

}  // namespace portal::server
