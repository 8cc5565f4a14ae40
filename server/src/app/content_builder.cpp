// Builds the content rooms' snapshots (content_builder.h). Partners get only what reaches them:
// the store filters resources and brand assets by audience, custom rooms by partnership,
// contacts to the vendor's and their own, cases to their own and articles to published ones.
#include "app/content_builder.h"

#include "portal/protocol/content_commands.h"
#include "portal/rooms/content.h"

namespace portal::server {
namespace {

std::optional<ContentScope> scope_for(Store& store, const Actor& actor, const Id& vendor_org) {
  if (is_vendor_actor(actor, vendor_org)) return std::nullopt;
  if (auto ref = store.partner_ref(actor.org_id))
    return ContentScope{ref->org_id, ref->type_id, ref->partnership_id};
  return ContentScope{actor.org_id, {}, {}};
}

}  // namespace

bool is_content_room(std::string_view r) {
  return r == "resources" || r == "brand" || r == "contacts" || r == "custom" || r == kCasesRoom;
}

std::optional<Json> content_snapshot(Store& store, const Actor& actor, const Id& vendor_org,
                                     std::string_view room, const std::string& key,
                                     int64_t& seq) {
  const std::optional<ContentScope> scope = scope_for(store, actor, vendor_org);
  if (room == "resources") {
    CatalogueInputs in = store.catalogue_inputs(CatalogueKind::Resource, scope, key);
    std::vector<ResourceEntry> entries;
    for (const CatalogueRecord& r : in.entries)
      if (auto e = resource_entry(r)) entries.push_back(std::move(*e));
    seq = in.seq;
    return to_json(make_resources_state(std::move(entries)));
  }
  if (room == "brand") {
    CatalogueInputs in = store.catalogue_inputs(CatalogueKind::Brand, scope, key);
    std::vector<BrandEntry> entries;
    for (const CatalogueRecord& r : in.entries)
      if (auto e = brand_entry(r)) entries.push_back(std::move(*e));
    seq = in.seq;
    return to_json(make_brand_state(std::move(entries)));
  }
  if (room == "contacts") {
    ContactsInputs in = store.contacts_inputs(scope, vendor_org, key);
    seq = in.seq;
    return to_json(make_contacts_state(vendor_org, std::move(in.contacts)));
  }
  if (room == "custom") {
    CustomRoomsInputs in = store.custom_rooms_inputs(scope, key);
    seq = in.seq;
    return to_json(make_custom_rooms_state(std::move(in.rooms)));
  }
  if (room == kCasesRoom) {
    CasesInputs in = store.cases_inputs(scope, key);
    seq = in.seq;
    return to_json(make_cases_state(std::move(in.cases), std::move(in.articles)));
  }
  return std::nullopt;
}

}  // namespace portal::server
