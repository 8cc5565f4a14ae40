// The "lead.submit" command: a partner registers a lead. A lead that collides with a
// registration on file (rules/duplicates.h) is refused with "conflict" and a message that never
// names another partner. The lead, its events and the command's result are written in one
// transaction, so a retried command is answered from the record instead of inserting a second
// lead.
#include "app/clock.h"
#include "app/portal_service.h"
#include "app/program_summary_events.h"
#include "app/room_keys.h"
#include "auth/tokens.h"
#include "portal/rules/duplicates.h"
#include "portal/rules/permissions.h"
#include "portal/rules/validation.h"

namespace portal::server {

void PortalService::on_lead_submit(Client& client, const Identity& who, const CommandFrame& f) {
  const Actor actor = who.actor();
  if (!may_submit_lead(actor)) {
    client.send(error_frame(ErrorCode::Forbidden,
                            "Leads are submitted by partners; vendor staff cannot submit them.",
                            f.id));
    return;
  }
  auto parsed = lead_draft_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) {
    client.send(error_frame(ErrorCode::Validation, "Please check the highlighted fields.", f.id,
                            std::move(*fields)));
    return;
  }
  LeadDraft& draft = std::get<LeadDraft>(parsed);
  if (auto fields = validate_lead(draft); !fields.empty()) {
    client.send(error_frame(ErrorCode::Validation, "Please check the highlighted fields.", f.id,
                            std::move(fields)));
    return;
  }

  // Commit, ack and publish in one critical section: events of a room then reach the bus in
  // the order of their sequence numbers, and the sender sees its ack before the event. The
  // duplicate check runs inside it too, so two racing submissions cannot both pass.
  std::lock_guard lock(publish_mutex_);
  const CommandKey key{actor.user_id, f.id, f.type};
  // A resend of an applied command would collide with its own lead: answer it from the record.
  if (auto recorded = store_.command_result(key)) {
    // Answered only once durable: the first try may still be waiting for its sync.
    return ack_and_publish(client, f.id, CommandOutcome{std::move(*recorded), {}, true});
  }
  const UnixTime now = unix_now();
  const std::optional<Organisation> vendor = store_.vendor_org();
  const ConflictScope scope{vendor ? vendor->id : Id(), now};
  const std::optional<std::string> website =
      draft.website.empty() ? std::nullopt : std::optional<std::string>(draft.website);
  const ConflictReport report = find_conflicts(
      draft, website,
      store_.lead_registrations(registration_keys(draft.company, draft.email, draft.website)),
      actor, scope);
  if (report.has_conflict()) {
    client.send(error_frame(ErrorCode::Conflict, report.message, f.id));
    return;
  }

  Lead lead{new_id(), actor.org_id, std::move(draft), LeadStage::Submitted, actor.user_id, now};
  const Json data = {{"lead", to_json(lead)}};
  std::vector<NewEvent> events;
  // The Program room counts leads for its KPIs and analytics.
  for (RoomKind room : {RoomKind::Overview, RoomKind::Leads, RoomKind::Program}) {
    events.push_back({partner_room_key(actor.org_id, room), std::string(kEvLeadSubmitted), data});
    events.push_back({vendor_room_key(room), std::string(kEvLeadSubmitted), data});
  }
  // The vendor's Program room gets the partner's new summary row, not the raw event.
  summarise_program_events(store_, events);
  const Json result = {{"lead_id", lead.id}};
  ack_and_publish(client, f.id, store_.submit_lead(key, lead, events, result, now));
}

void PortalService::ack_and_publish(Client& client, const std::string& command_id,
                                    CommandOutcome outcome) {
  // Encoding happens on the queue's thread too, off the path every command waits on.
  after_commit([this, client = client.shared_from_this(), command_id,
                outcome = std::move(outcome)] {
    client->send(AckFrame{command_id, outcome.result});
    for (const StoredEvent& e : outcome.events) {
      auto frame = share(EventFrame{std::string(wire_room(e.room_key)), e.seq, e.type, e.data});
      bus_.publish(BusMessage{e.room_key, e.seq, std::move(frame)});
    }
  });
}

}  // namespace portal::server
