// The Resources, Brand guidelines, Contacts and Custom rooms (rooms/content.h). Cases and the
// knowledge base are in content_support.cpp.
#include <algorithm>

#include "portal/protocol/model_codecs.h"
#include "portal/rooms/content.h"
#include "rooms/content_lists.h"

namespace portal {

// [SECTION] Audience

std::string_view to_string(AudienceKind k) {
  switch (k) {
    case AudienceKind::AllPartners: return "all";
    case AudienceKind::PartnerType: return "partner_type";
    case AudienceKind::Partner: return "partner";
  }
  return "all";
}

std::optional<AudienceKind> audience_kind_from_string(std::string_view s) {
  for (AudienceKind k : {AudienceKind::AllPartners, AudienceKind::PartnerType,
                         AudienceKind::Partner})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

Json to_json(const Audience& a) {
  Json j = {{"kind", to_string(a.kind)}};
  if (a.kind != AudienceKind::AllPartners) j["id"] = a.id;
  return j;
}

std::optional<Audience> audience_from_json(const Json& j) {
  if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string()) return std::nullopt;
  auto kind = audience_kind_from_string(j["kind"].get<std::string>());
  if (!kind) return std::nullopt;
  Audience a{*kind, {}};
  if (*kind == AudienceKind::AllPartners) return a;
  if (!j.contains("id") || !j["id"].is_string() || j["id"].get<std::string>().empty())
    return std::nullopt;
  a.id = j["id"].get<std::string>();
  return a;
}

bool reaches(const Audience& a, const Id& org_id, const Id& type_id) {
  switch (a.kind) {
    case AudienceKind::AllPartners: return !org_id.empty();
    case AudienceKind::PartnerType: return !type_id.empty() && a.id == type_id;
    case AudienceKind::Partner: return !org_id.empty() && a.id == org_id;
  }
  return false;
}

// [SECTION] Resources and Brand guidelines

namespace {

// Newest publication first; ties by id so both hosts agree.
template <class Entry, class Item>
void sort_published(std::vector<Entry>& v, Item Entry::*item) {
  std::stable_sort(v.begin(), v.end(), [&](const Entry& a, const Entry& b) {
    const auto& x = a.*item;
    const auto& y = b.*item;
    if (x.published_at != y.published_at) return x.published_at > y.published_at;
    return x.id < y.id;
  });
}

}  // namespace

ResourcesState make_resources_state(std::vector<ResourceEntry> entries) {
  ResourcesState s{std::move(entries)};
  sort_published(s.resources, &ResourceEntry::resource);
  return s;
}

BrandState make_brand_state(std::vector<BrandEntry> entries) {
  BrandState s{std::move(entries)};
  sort_published(s.assets, &BrandEntry::asset);
  return s;
}

Json to_json(const ResourceEntry& e) {
  Json j = to_json(e.resource);
  j["audience"] = to_json(e.audience);
  return j;
}

Json to_json(const BrandEntry& e) {
  Json j = to_json(e.asset);
  j["audience"] = to_json(e.audience);
  return j;
}

std::optional<ResourceEntry> resource_entry_from_json(const Json& j) {
  auto r = resource_from_json(j);
  auto a = j.is_object() && j.contains("audience") ? audience_from_json(j["audience"])
                                                   : std::nullopt;
  if (!r || !a) return std::nullopt;
  return ResourceEntry{std::move(*r), std::move(*a)};
}

std::optional<BrandEntry> brand_entry_from_json(const Json& j) {
  auto b = brand_asset_from_json(j);
  auto a = j.is_object() && j.contains("audience") ? audience_from_json(j["audience"])
                                                   : std::nullopt;
  if (!b || !a) return std::nullopt;
  return BrandEntry{std::move(*b), std::move(*a)};
}

Json to_json(const ResourcesState& s) {
  return {{"resources", detail::list_to_json(s.resources)}};
}

Json to_json(const BrandState& s) { return {{"assets", detail::list_to_json(s.assets)}}; }

std::optional<ResourcesState> resources_from_json(const Json& j) {
  ResourcesState s;
  if (!detail::list_from_json(j, "resources", s.resources, resource_entry_from_json))
    return std::nullopt;
  return s;
}

std::optional<BrandState> brand_from_json(const Json& j) {
  BrandState s;
  if (!detail::list_from_json(j, "assets", s.assets, brand_entry_from_json)) return std::nullopt;
  return s;
}

bool apply(ResourcesState& s, std::string_view type, const Json& data) {
  if (type == "resource.published" || type == "resource.updated") {
    auto e = data.is_object() && data.contains("resource")
                 ? resource_entry_from_json(data["resource"])
                 : std::nullopt;
    if (!e) return false;
    if (!detail::upsert(s.resources, std::move(*e), &ResourceEntry::resource)) return false;
    sort_published(s.resources, &ResourceEntry::resource);
    return true;
  }
  if (type == "resource.removed")
    return detail::remove_by_id(s.resources, data, &ResourceEntry::resource);
  return false;
}

bool apply(BrandState& s, std::string_view type, const Json& data) {
  if (type == "brand.published" || type == "brand.updated") {
    auto e = data.is_object() && data.contains("asset") ? brand_entry_from_json(data["asset"])
                                                        : std::nullopt;
    if (!e) return false;
    if (!detail::upsert(s.assets, std::move(*e), &BrandEntry::asset)) return false;
    sort_published(s.assets, &BrandEntry::asset);
    return true;
  }
  if (type == "brand.removed") return detail::remove_by_id(s.assets, data, &BrandEntry::asset);
  return false;
}

const ResourceEntry* find_resource(const ResourcesState& s, const Id& id) {
  return detail::find_by_id(s.resources, id, &ResourceEntry::resource);
}

const BrandEntry* find_brand_asset(const BrandState& s, const Id& id) {
  return detail::find_by_id(s.assets, id, &BrandEntry::asset);
}

// [SECTION] Contacts

namespace {

void sort_contacts(ContactsState& s) {
  std::stable_sort(s.contacts.begin(), s.contacts.end(), [&](const Contact& a, const Contact& b) {
    const bool av = a.org_id == s.vendor_org, bv = b.org_id == s.vendor_org;
    if (av != bv) return av;
    if (a.org_id != b.org_id) return a.org_id < b.org_id;
    if (a.name != b.name) return a.name < b.name;
    return a.id < b.id;
  });
}

}  // namespace

ContactsState make_contacts_state(Id vendor_org, std::vector<Contact> contacts) {
  ContactsState s{std::move(vendor_org), std::move(contacts)};
  sort_contacts(s);
  return s;
}

Json to_json(const ContactsState& s) {
  return {{"vendor_org", s.vendor_org}, {"contacts", detail::list_to_json(s.contacts)}};
}

std::optional<ContactsState> contacts_from_json(const Json& j) {
  ContactsState s;
  if (!j.is_object() || !j.contains("vendor_org") || !j["vendor_org"].is_string())
    return std::nullopt;
  s.vendor_org = j["vendor_org"].get<std::string>();
  if (!detail::list_from_json(j, "contacts", s.contacts, contact_from_json)) return std::nullopt;
  return s;
}

bool apply(ContactsState& s, std::string_view type, const Json& data) {
  if (type == "contact.saved") {
    auto c = data.is_object() && data.contains("contact") ? contact_from_json(data["contact"])
                                                          : std::nullopt;
    if (!c || !detail::upsert(s.contacts, std::move(*c))) return false;
    sort_contacts(s);
    return true;
  }
  if (type == "contact.removed") return detail::remove_by_id(s.contacts, data);
  return false;
}

const Contact* find_contact(const ContactsState& s, const Id& id) {
  return detail::find_by_id(s.contacts, id);
}

// [SECTION] Custom rooms

namespace {

void sort_rooms(CustomRoomsState& s) {
  std::stable_sort(s.rooms.begin(), s.rooms.end(), [](const CustomRoom& a, const CustomRoom& b) {
    if (a.title != b.title) return a.title < b.title;
    return a.id < b.id;
  });
}

}  // namespace

CustomRoomsState make_custom_rooms_state(std::vector<CustomRoom> rooms) {
  CustomRoomsState s{std::move(rooms)};
  sort_rooms(s);
  return s;
}

Json to_json(const CustomRoomsState& s) { return {{"rooms", detail::list_to_json(s.rooms)}}; }

std::optional<CustomRoomsState> custom_rooms_from_json(const Json& j) {
  CustomRoomsState s;
  if (!detail::list_from_json(j, "rooms", s.rooms, custom_room_from_json)) return std::nullopt;
  return s;
}

bool apply(CustomRoomsState& s, std::string_view type, const Json& data) {
  if (type == "custom_room.saved") {
    auto r = data.is_object() && data.contains("room") ? custom_room_from_json(data["room"])
                                                       : std::nullopt;
    if (!r || !detail::upsert(s.rooms, std::move(*r))) return false;
    sort_rooms(s);
    return true;
  }
  if (type == "custom_room.removed") return detail::remove_by_id(s.rooms, data);
  return false;
}

const CustomRoom* find_custom_room(const CustomRoomsState& s, const Id& id) {
  return detail::find_by_id(s.rooms, id);
}

}  // namespace portal
