// What the store reads and writes for the Partner program room (see store.h).
#pragma once
#include <optional>
#include <vector>

#include "portal/model/funds.h"
#include "portal/model/learning.h"
#include "portal/model/program.h"
#include "portal/rooms/program.h"
#include "store/pipeline_records.h"

namespace portal::server {

// One item of a partner organisation's personal price list.
struct OrgPriceItem {
  Id org_id;
  PriceItem item;
};

// Everything a Program room is built from, read in one consistent snapshot.
struct ProgramInputs {
  std::vector<Organisation> orgs;  // the partner itself, or every partner (by name) for staff
  std::vector<Partnership> partnerships;
  std::vector<PartnerType> types;
  std::vector<PartnerLevel> levels;
  std::vector<Training> trainings;
  std::vector<Certification> certifications;
  std::vector<LeadRecord> leads;
  std::vector<Deal> deals;
  std::vector<ProgramEnrolment> enrolments;
  std::vector<ProgramCertificate> certificates;
  std::vector<MdfEntry> ledger;                // newest first
  std::vector<MarketingActivity> activities;   // newest start first
  std::vector<ParameterChange> history;        // newest first
  std::vector<OrgPriceItem> price_items;       // by organisation, then SKU
  int64_t seq = 0;
};

// The rows one program command writes, in the same transaction as its events.
struct ProgramChange {
  std::optional<MdfEntry> mdf;
  std::optional<TrainingProgress> progress;  // inserted or replaces (user, training)
  std::optional<MarketingActivity> activity;
};

// The rows one partnership administration command writes (price lists, tier reviews, rooms),
// in the same transaction as its events.
struct AdminChange {
  std::optional<OrgPriceItem> set_item;   // inserted or replaces (org, sku)
  std::optional<OrgPriceItem> remove_item;  // only org_id and item.sku are read
  std::optional<Partnership> partnership;  // its level, conditions and rooms are written
  std::vector<ParameterChange> history;    // appended to partnership_changes
  Id changed_by;
};

// The program a fresh database is seeded with (demo file or generator).
struct ProgramSeed {
  std::vector<PartnerType> types;
  std::vector<PartnerLevel> levels;
  std::vector<ParameterCategory> categories;
  std::vector<Partnership> partnerships;
  std::vector<ParameterChange> history;
  std::vector<Training> trainings;
  std::vector<Certification> certifications;
  std::vector<TrainingProgress> progress;
  std::vector<UserCertification> certificates;
  std::vector<MdfEntry> ledger;
  std::vector<MarketingActivity> activities;
};

}  // namespace portal::server
