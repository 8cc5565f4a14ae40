// The Leads and Deals rooms' commands. Each reads its target row, checks who may do what
// (rules/permissions.h) and which move is allowed (rules/stages.h), then writes the row change,
// the events of every room that shows it and the command record in one transaction, acks and
// publishes. Leads and deals feed the Partner program's KPIs and analytics, so their events go
// to the Program rooms too. Another organisation's lead or deal is answered "not_found", never
// "forbidden": a partner learns nothing about ids that are not its own.
#include <variant>

#include "app/clock.h"
#include "app/fan_out.h"
#include "app/notify.h"
#include "app/overview_builder.h"
#include "app/portal_service.h"
#include "app/program_summary_events.h"
#include "app/room_keys.h"
#include "auth/tokens.h"
#include "portal/protocol/model_codecs.h"
#include "portal/protocol/pipeline_commands.h"
#include "portal/rules/entity_validation.h"
#include "portal/rules/stages.h"

namespace portal::server {
namespace {

struct Plan {
  PipelineChange change;
  std::vector<NewEvent> events;
  Json result;
};

struct Context {
  const Identity& who;
  Actor actor;
  Id vendor_org;
  UnixTime now;
};

using Outcome = std::variant<Plan, Error>;

Error error(ErrorCode code, std::string message, std::vector<FieldError> fields = {}) {
  return Error{code, std::move(message), std::move(fields)};
}

std::optional<Error> refuse_stage(const std::optional<StageError>& e) {
  if (!e) return std::nullopt;
  return error(ErrorCode::Conflict, e->message);
}

const char* kVendorOnly =
    "Only the vendor's partner managers can change stages, convert leads and record payouts.";

// [SECTION] Leads

Outcome plan_lead(const Context& c, const CommandFrame& f, const PipelineTarget& t,
                  Store& store) {
  std::optional<LeadRecord> rec = store.find_lead(t.id);
  if (!rec || !may_read_org(c.actor, rec->lead.org_id, c.vendor_org))
    return error(ErrorCode::NotFound, "That lead does not exist (or is not yours to see).");
  if (!is_vendor_actor(c.actor, c.vendor_org)) return error(ErrorCode::Forbidden, kVendorOnly);
  const Id org = rec->lead.org_id;
  Plan plan;

  if (f.type == kCmdLeadConvert) {
    if (auto e = refuse_stage(check_lead_conversion(rec->lead.stage, !rec->deal_id.empty())))
      return *e;
    Deal deal;
    deal.id = new_id();
    deal.org_id = org;
    deal.name = rec->lead.draft.company;
    deal.customer = rec->lead.draft.company;
    deal.stage = DealStage::Qualification;
    deal.value = Money{rec->lead.draft.value_minor, rec->lead.draft.currency};
    deal.notes = rec->lead.draft.notes;
    deal.lead_id = rec->lead.id;
    deal.created_at = deal.updated_at = c.now;
    rec->deal_id = deal.id;
    rec->updated_at = c.now;
    fan_out(plan.events, org, {RoomKind::Leads, RoomKind::Program}, kEvLeadConverted,
            {{"lead_id", rec->lead.id}, {"deal", to_json(deal)}, {"at", c.now}, {"by", c.actor.user_id}});
    fan_out(plan.events, org, {RoomKind::Deals, RoomKind::Overview, RoomKind::Program},
            kEvDealCreated,
            {{"deal", to_json(deal)}});
    plan.result = {{"lead_id", rec->lead.id}, {"deal_id", deal.id}};
    plan.change.deal = std::move(deal);
    plan.change.lead = std::move(*rec);
    return plan;
  }

  LeadStage to = LeadStage::Qualified;
  if (f.type == kCmdLeadReject) {
    to = LeadStage::Rejected;
  } else if (f.type == kCmdLeadSetStage) {
    auto parsed = lead_stage_from_string(t.stage);
    if (!parsed)
      return error(ErrorCode::Validation, "Please check the highlighted fields.",
                   {{"stage", "Choose one of submitted, qualified, demo, proposal, won, lost or "
                              "rejected."}});
    to = *parsed;
  }
  if (auto e = refuse_stage(check_lead_transition(rec->lead.stage, to))) return *e;
  rec->lead.stage = to;
  rec->updated_at = c.now;
  if (!is_open(to)) rec->lead.closed_at = c.now;
  fan_out(plan.events, org, {RoomKind::Leads, RoomKind::Overview, RoomKind::Program},
          kEvLeadStageChanged,
          {{"lead_id", rec->lead.id}, {"stage", to_string(to)}, {"at", c.now}, {"by", c.actor.user_id}});
  notify_org(store, org,
             {NotificationKind::LeadStage,
              "Lead " + rec->lead.draft.company + ": " + std::string(lead_stage_label(to)), {},
              "leads/" + rec->lead.id},
             c.now, plan.events);
  plan.result = {{"lead_id", rec->lead.id}, {"stage", to_string(to)}};
  plan.change.lead = std::move(*rec);
  return plan;
}

// [SECTION] Deals

Outcome plan_deal(const Context& c, const CommandFrame& f, const PipelineTarget& t,
                  Store& store) {
  std::optional<Deal> deal = store.find_deal(t.id);
  if (!deal || !may_read_org(c.actor, deal->org_id, c.vendor_org))
    return error(ErrorCode::NotFound, "That deal does not exist (or is not yours to see).");
  const Id org = deal->org_id;
  Plan plan;

  if (f.type == kCmdDealAddNote) {
    if (!may(c.actor.role, RoomKind::Deals, Action::Update))
      return error(ErrorCode::Forbidden, "This account can only look at deals.");
    DealNoteRecord n{DealNote{new_id(), deal->id, c.actor.user_id, t.text, c.now},
                     c.who.user.name};
    if (auto fields = validate_deal_note(n.note); !fields.empty()) {
      for (FieldError& fe : fields)
        if (fe.field == "body") fe.field = "text";
      return error(ErrorCode::Validation, "Please check the highlighted fields.", fields);
    }
    fan_out(plan.events, org, {RoomKind::Deals}, kEvDealNoteAdded,
            {{"deal_id", deal->id}, {"note", to_json(n.note)}, {"author_name", n.author_name}});
    plan.result = {{"deal_id", deal->id}, {"note_id", n.note.id}};
    plan.change.note = std::move(n);
    return plan;
  }

  if (!is_vendor_actor(c.actor, c.vendor_org)) return error(ErrorCode::Forbidden, kVendorOnly);
  const Json by = {{"at", c.now}, {"by", c.actor.user_id}};
  if (f.type == kCmdDealRecordPayout) {
    if (auto e = refuse_stage(check_payout(deal->stage, deal->commission_paid))) return *e;
    deal->commission_paid = true;
    deal->updated_at = c.now;
    Json data = by;
    data["deal"] = to_json(*deal);
    fan_out(plan.events, org, {RoomKind::Deals, RoomKind::Overview}, kEvDealPayoutRecorded, data);
  } else if (f.type == kCmdDealSetStage) {
    auto to = deal_stage_from_string(t.stage);
    if (!to)
      return error(ErrorCode::Validation, "Please check the highlighted fields.",
                   {{"stage", "Choose one of prospecting, qualification, proposal, negotiation, "
                              "closed_won or closed_lost."}});
    if (auto e = refuse_stage(check_deal_transition(deal->stage, *to))) return *e;
    const DealStage from = deal->stage;
    const Deal before = *deal;
    deal->stage = *to;
    deal->updated_at = c.now;
    if (*to == DealStage::ClosedWon) {
      deal->won_at = c.now;
      // The share in force now is the deal's for good (rules/commission.h): a later tier change
      // re-prices only what is still open.
      const std::optional<Organisation> partner = store.find_org(deal->org_id);
      deal->commission_bp = partner ? partner->revenue_share_bp : 0;
    }
    Json data = by;
    data["deal"] = to_json(*deal);
    data["from"] = to_string(from);
    fan_out(plan.events, org, {RoomKind::Deals, RoomKind::Overview, RoomKind::Program},
            kEvDealStageChanged, data);
    append_leaderboard_events(store, before, *deal, c.vendor_org, c.now, plan.events);
    if (*to == DealStage::ClosedWon)
      notify_org(store, org, {NotificationKind::DealWon, "Deal won: " + deal->name, {},
                              "deals/" + deal->id},
                 c.now, plan.events);
  } else {
    return error(ErrorCode::UnknownType,
                 "The server does not know the command \"" + f.type.substr(0, 64) + "\".");
  }
  plan.result = {{"deal_id", deal->id}, {"stage", to_string(deal->stage)},
                 {"commission_paid", deal->commission_paid}};
  plan.change.deal = std::move(*deal);
  return plan;
}

bool is_lead_command(std::string_view type) {
  return type == kCmdLeadQualify || type == kCmdLeadReject || type == kCmdLeadSetStage ||
         type == kCmdLeadConvert;
}
bool is_deal_command(std::string_view type) {
  return type == kCmdDealSetStage || type == kCmdDealAddNote || type == kCmdDealRecordPayout;
}

}  // namespace

void PortalService::on_pipeline_command(Client& client, const Identity& who,
                                        const CommandFrame& f) {
  const bool lead = is_lead_command(f.type);
  if (!lead && !is_deal_command(f.type)) {
    client.send(error_frame(ErrorCode::UnknownType,
                            "The server does not know the command \"" + f.type.substr(0, 64) +
                                "\".",
                            f.id));
    return;
  }
  const char* id_field = lead ? "lead_id" : "deal_id";
  std::optional<PipelineTarget> target = pipeline_target_from_json(f.payload, id_field);
  if (!target || target->id.size() > kMaxIdBytes) {
    client.send(error_frame(ErrorCode::Validation, "Please check the highlighted fields.", f.id,
                            {{id_field, std::string("Name the ") + (lead ? "lead" : "deal") +
                                            " by its id (text)."}}));
    return;
  }

  // Read, check, write, ack and publish in one critical section: no other command can move the
  // row between the check and the write, and events reach the bus in sequence order.
  std::lock_guard lock(publish_mutex_);
  const Actor actor = who.actor();
  const CommandKey key{actor.user_id, f.id, f.type};
  if (auto recorded = store_.command_result(key)) {
    // Answered only once durable: the first try may still be waiting for its sync.
    return ack_and_publish(client, f.id, CommandOutcome{std::move(*recorded), {}, true});
  }
  const std::optional<Organisation> vendor = store_.vendor_org();
  const Context c{who, actor, vendor ? vendor->id : Id(), unix_now()};
  Outcome planned = lead ? plan_lead(c, f, *target, store_) : plan_deal(c, f, *target, store_);
  if (auto* e = std::get_if<Error>(&planned)) {
    client.send(error_frame(e->code, std::move(e->message), f.id, std::move(e->fields)));
    return;
  }
  Plan& plan = std::get<Plan>(planned);
  // The vendor's Program room gets each partner's new summary row, not the raw events.
  summarise_program_events(store_, plan.events);
  ack_and_publish(client, f.id,
                  store_.apply_pipeline_change(key, plan.change, plan.events, plan.result, c.now));
}

}  // namespace portal::server
