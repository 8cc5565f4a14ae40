// announcement.post: vendor admins and partner managers post news to every partner or to one
// partner organisation. The announcement, its events (the vendor's Overview and each audience
// partner's Overview) and the command record are written in one transaction, then published.
// partners.search: the vendor's search over every partner organisation, for the audience.
#include <variant>

#include "app/clock.h"
#include "app/portal_service.h"
#include "app/room_keys.h"
#include "portal/rules/permissions.h"
#include "auth/tokens.h"

namespace portal::server {

namespace {

// partners.search: the audience picker's type-to-search over every partner. Answered with an
// ack {"partners": [{"id", "name"}]}; it writes nothing, so it is not recorded as a command.
void search_partners(Client& client, const Identity& who, const CommandFrame& f, Store& store) {
  const std::optional<Organisation> vendor = store.vendor_org();
  if (!may_search_partners(who.actor(), vendor ? vendor->id : Id())) {
    client.send(error_frame(ErrorCode::Forbidden,
                            "Only the vendor's staff can search the partner organisations.",
                            f.id));
    return;
  }
  auto parsed = partner_search_from_json(f.payload);
  if (auto* fields = std::get_if<std::vector<FieldError>>(&parsed)) {
    client.send(error_frame(ErrorCode::Validation, "Please check the search.", f.id,
                            std::move(*fields)));
    return;
  }
  const PartnerSearch& q = std::get<PartnerSearch>(parsed);
  Json partners = Json::array();
  for (const RoomPartner& p : store.search_partners(q.query, size_t(q.limit)))
    partners.push_back({{"id", p.org_id}, {"name", p.name}});
  client.send(AckFrame{f.id, Json{{"partners", std::move(partners)}}});
}

}  // namespace

void PortalService::on_announcement_command(Client& client, const Identity& who,
                                            const CommandFrame& f) {
  if (f.type == kCmdPartnersSearch) return search_partners(client, who, f, store_);
  if (f.type != kCmdAnnouncementPost) {
    client.send(error_frame(ErrorCode::UnknownType,
                            "The server does not know the command \"" + f.type.substr(0, 64) +
                                "\".",
                            f.id));
    return;
  }
  const Actor actor = who.actor();
  const std::optional<Organisation> vendor = store_.vendor_org();
  const Id vendor_id = vendor ? vendor->id : Id();
  if (!may_post_announcement(actor, vendor_id)) {
    client.send(error_frame(ErrorCode::Forbidden,
                            "Only the vendor's admins and partner managers can post announcements.",
                            f.id));
    return;
  }
  std::optional<AnnouncementDraft> draft = announcement_draft_from_json(f.payload);
  if (!draft) {
    client.send(error_frame(ErrorCode::Validation, "Please check the highlighted fields.", f.id,
                            {{"title", "Send a title and a text (both text)."}}));
    return;
  }
  std::vector<FieldError> fields = validate_announcement_draft(*draft);
  std::optional<Organisation> audience;
  if (fields.empty() && draft->audience != "all") {
    audience = store_.find_org(draft->audience);
    if (!audience || audience->kind != OrgKind::Partner)
      fields.push_back({"audience", "Choose \"All partners\" or one partner organisation."});
  }
  if (!fields.empty()) {
    client.send(error_frame(ErrorCode::Validation, "Please check the highlighted fields.", f.id,
                            std::move(fields)));
    return;
  }

  std::lock_guard lock(publish_mutex_);
  const CommandKey key{actor.user_id, f.id, f.type};
  if (auto recorded = store_.command_result(key)) {
    // Answered only once durable: the first try may still be waiting for its sync.
    return ack_and_publish(client, f.id, CommandOutcome{std::move(*recorded), {}, true});
  }
  const UnixTime now = unix_now();
  AnnouncementRecord rec;
  OverviewAnnouncement& a = rec.announcement;
  a.id = new_id();
  a.title = draft->title;
  a.body = draft->body;
  a.audience_org = audience ? audience->id : Id();
  a.audience_name = audience ? audience->name : std::string();
  a.author_name = who.user.name;
  a.posted_at = now;
  rec.author_id = actor.user_id;

  const Json data = {{"announcement", to_json(a)}};
  const std::string type(kEvAnnouncementPosted);
  std::vector<NewEvent> events;
  events.push_back({vendor_room_key(RoomKind::Overview), type, data});
  if (audience) {
    events.push_back({partner_room_key(audience->id, RoomKind::Overview), type, data});
  } else {
    for (const Organisation& o : store_.list_orgs())
      if (o.kind == OrgKind::Partner)
        events.push_back({partner_room_key(o.id, RoomKind::Overview), type, data});
  }
  const Json result = {{"announcement_id", a.id}};
  ack_and_publish(client, f.id, store_.post_announcement(key, rec, events, result, now));
}

}  // namespace portal::server
