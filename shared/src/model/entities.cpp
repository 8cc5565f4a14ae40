#include "portal/model/entities.h"

#include "model/name_table.h"

namespace portal {
namespace {

using detail::NameTable;

constexpr NameTable<OrgKind, 2> kOrgKinds{{{{"vendor", "Vendor"}, {"partner", "Partner"}}}};

constexpr NameTable<LeadStage, 7> kLeadStages{{{
    {"submitted", "Submitted"},
    {"qualified", "Qualified"},
    {"demo", "Demo"},
    {"proposal", "Proposal"},
    {"won", "Closed won"},
    {"lost", "Closed lost"},
    {"rejected", "Rejected"},
}}};

constexpr NameTable<DealStage, 6> kDealStages{{{
    {"prospecting", "Prospecting"},
    {"qualification", "Qualification"},
    {"proposal", "Proposal"},
    {"negotiation", "Negotiation"},
    {"closed_won", "Closed won"},
    {"closed_lost", "Closed lost"},
}}};

}  // namespace

std::string_view to_string(OrgKind k) { return kOrgKinds.wire(k); }
std::optional<OrgKind> org_kind_from_string(std::string_view s) { return kOrgKinds.parse(s); }

std::string_view to_string(LeadStage s) { return kLeadStages.wire(s); }
std::optional<LeadStage> lead_stage_from_string(std::string_view s) { return kLeadStages.parse(s); }
std::string_view lead_stage_label(LeadStage s) { return kLeadStages.label(s); }
bool is_open(LeadStage s) {
  return s == LeadStage::Submitted || s == LeadStage::Qualified || s == LeadStage::Demo ||
         s == LeadStage::Proposal;
}

std::string_view to_string(DealStage s) { return kDealStages.wire(s); }
std::optional<DealStage> deal_stage_from_string(std::string_view s) { return kDealStages.parse(s); }
std::string_view deal_stage_label(DealStage s) { return kDealStages.label(s); }

}  // namespace portal
