// Subscribing to one partner's full program by name: "program:<org id>" is the room
// "org:<id>/program". Vendor staff open any partner's this way (their own "program" room is the
// compact summary of every partner, rooms/program_summary.h); a partner may open only its own.
// An organisation the user may not open and one that does not exist get the same not_found, so
// ids reveal nothing. Events reach the subscriber under the name it subscribed with.
#include "app/portal_service.h"
#include "app/program_builder.h"
#include "app/room_keys.h"
#include "portal/rules/entity_validation.h"

namespace portal::server {
namespace {

constexpr std::string_view kProgramPrefix = "program:";

// The organisation a "program:<org id>" room names; nullopt when `room` is not such a name.
std::optional<Id> program_room_org(const std::string& room) {
  if (!room.starts_with(kProgramPrefix)) return std::nullopt;
  return room.substr(kProgramPrefix.size());
}

}  // namespace

bool PortalService::on_program_subscribe(Client& client, const Identity& who,
                                         const SubscribeFrame& f) {
  const std::optional<Id> org_id = program_room_org(f.room);
  if (!org_id) return false;
  const Actor actor = who.actor();
  const std::optional<Organisation> vendor = store_.vendor_org();
  std::optional<Organisation> org;
  if (!org_id->empty() && org_id->size() <= kMaxIdBytes &&
      may_open_partner_program(actor, *org_id, vendor ? vendor->id : Id()))
    org = store_.find_org(*org_id);
  if (!org || org->kind != OrgKind::Partner) {
    client.send(error_frame(ErrorCode::NotFound,
                            "That partner's program does not exist (or is not yours to see)."));
    return true;
  }
  const std::string key = partner_room_key(org->id, RoomKind::Program);

  // As in on_subscribe: follow the bus first, then read, so nothing committed meanwhile is lost.
  follow_room(client, key, f.room);
  if (replay_missed(client, key, f)) return true;
  const ProgramInputs in = store_.program_inputs(org->id, key);
  SnapshotFrame snapshot{f.room, in.seq, to_json(build_program(in))};
  send_snapshot(client, key, snapshot);
  return true;
}

bool PortalService::on_program_unsubscribe(Client& client, const Identity& who,
                                           const UnsubscribeFrame& f) {
  const std::optional<Id> org_id = program_room_org(f.room);
  if (!org_id) return false;
  // Only a followed room can be left, so an id the user may not open changes nothing.
  const std::string key = partner_room_key(*org_id, RoomKind::Program);
  (void)who;
  if (client.end_subscription(key)) bus_.unsubscribe(key, &client);
  return true;
}

}  // namespace portal::server
