// The Overview room's state, how a snapshot is encoded, and how an event changes it. The same
// apply() runs on the server (to keep snapshots current) and in the browser (on the replica).
#pragma once
#include <string>
#include <vector>

#include "portal/model/entities.h"
#include "portal/protocol/frames.h"
#include "portal/rooms/overview_parts.h"

namespace portal {

struct OverviewLead {
  Id id;
  std::string company;
  int64_t value_minor = 0;
  LeadStage stage = LeadStage::Submitted;
  UnixTime created_at = 0;
  friend bool operator==(const OverviewLead&, const OverviewLead&) = default;
};

// One partner's commission inputs. The figures are recomputed from these after every deal
// event exactly as the snapshot builder does, so a replica that applied events equals a fresh
// snapshot to the cent. Won deals are counted by the commission they locked in when won
// (rules/commission.h deal_commission): a later change of `revenue_share_bp` prices only the
// open deals.
struct OverviewPartner {
  Id org_id;
  int32_t revenue_share_bp = 0;  // the share now
  int32_t deals_open = 0;
  int64_t open_minor = 0;     // value of open deals
  int64_t pending_minor = 0;  // commission of won deals not paid yet
  int64_t earned_minor = 0;   // commission of won deals paid
  friend bool operator==(const OverviewPartner&, const OverviewPartner&) = default;
};

struct OverviewState {
  Id org_id;                   // the partner; empty in the vendor's program-wide Overview
  std::string org_name;        // the partner, or the vendor's program name for vendor staff
  std::string tier;
  int32_t revenue_share_bp = 0;
  std::string currency = "EUR";
  int32_t leads_submitted = 0;
  int32_t leads_open = 0;
  int32_t deals_in_progress = 0;
  int64_t pipeline_minor = 0;
  int64_t commission_expected_minor = 0;
  int64_t commission_pending_minor = 0;
  int64_t commission_earned_minor = 0;
  std::vector<OverviewLead> recent_leads;  // newest first, at most kRecentLeads
  std::vector<OverviewPartner> partners;   // the partner itself, or every partner for staff
  std::vector<OverviewStage> stages;       // deals per stage (every stage, in stage order)
  OverviewBoard revenue_board;             // the quarter's leaderboard by revenue generated
  std::vector<OverviewAnnouncement> announcements;  // newest first, at most kOverviewAnnouncements
  // Per user, not per room: filled in the snapshot for the subscriber, never changed by events.
  OverviewSince since;
  // The success metrics and open tasks of the partner's customer accounts (every partner's
  // for vendor staff), and the quarter's leaderboard by new accounts onboarded.
  OverviewAccounts accounts;
  OverviewBoard accounts_board;
  friend bool operator==(const OverviewState&, const OverviewState&) = default;
};

inline constexpr size_t kRecentLeads = 6;

// The commission inputs of `org` from its deals (deals in other currencies are left out).
OverviewPartner overview_partner(const Organisation& org, const std::vector<Deal>& deals,
                                 const std::string& currency);
// The same for many organisations at once, in one pass over the deals (O(orgs + deals)), in
// the order of `orgs`.
std::vector<OverviewPartner> overview_partners(const std::vector<Organisation>& orgs,
                                               const std::vector<Deal>& deals,
                                               const std::string& currency);
// Sets deals_in_progress, pipeline and the three commission figures from s.partners.
void recompute_commission(OverviewState& s);

Json to_json(const OverviewState& s);
std::optional<OverviewState> overview_from_json(const Json& j);
// Applies one event of the Overview room: lead.submitted, lead.stage_changed (a lead closing
// leaves leads_open; closed is final, so every change starts from an open stage), deal.created,
// deal.stage_changed, deal.payout_recorded, partner.terms_changed (a new level or share from
// now on: the title and the forecast follow, won deals keep theirs), leaderboard.changed (its
// "metric" says which board), announcement.posted and the account events (account.added,
// account.task_added, account.task_status_changed: the metrics and tasks). Unknown event types
// leave the state unchanged and return false, so an older client survives a newer server.
bool apply(OverviewState& s, std::string_view event_type, const Json& data);

}  // namespace portal
