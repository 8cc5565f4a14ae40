// The content rooms' state, snapshot codecs and how an event changes them: Resources, Brand
// guidelines, Contacts, Custom rooms, and Cases with the knowledge base (the wire room "cases").
// The same apply() runs on the server (snapshots) and in the browser (replica).
//
// Who receives what is decided by the server when it fans an event out: a partner's room only
// ever holds what that partner may see (a resource for partner A is never in B's room), so these
// states carry no access logic of their own.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/contacts.h"
#include "portal/model/content.h"
#include "portal/model/custom_rooms.h"
#include "portal/model/support.h"
#include "portal/protocol/frames.h"

namespace portal {

// [SECTION] Audience

// Who a published resource or brand asset is for.
enum class AudienceKind { AllPartners, PartnerType, Partner };
// Wire name: "all", "partner_type", "partner".
std::string_view to_string(AudienceKind k);
std::optional<AudienceKind> audience_kind_from_string(std::string_view s);

struct Audience {
  AudienceKind kind = AudienceKind::AllPartners;
  Id id;  // the partner type or the partner organisation; empty for AllPartners
  friend bool operator==(const Audience&, const Audience&) = default;
};
// {"kind": "all"} or {"kind": "partner_type"|"partner", "id"}.
Json to_json(const Audience& a);
std::optional<Audience> audience_from_json(const Json& j);
// True when partner organisation `org_id`, whose partnership is of type `type_id` (may be
// empty), is in the audience.
bool reaches(const Audience& a, const Id& org_id, const Id& type_id);

// [SECTION] Resources and Brand guidelines

struct ResourceEntry {
  Resource resource;
  Audience audience;
  friend bool operator==(const ResourceEntry&, const ResourceEntry&) = default;
};

struct BrandEntry {
  BrandAsset asset;
  Audience audience;
  friend bool operator==(const BrandEntry&, const BrandEntry&) = default;
};

// Newest publication first (ties by id, so both hosts agree).
struct ResourcesState {
  std::vector<ResourceEntry> resources;
  friend bool operator==(const ResourcesState&, const ResourcesState&) = default;
};

struct BrandState {
  std::vector<BrandEntry> assets;
  friend bool operator==(const BrandState&, const BrandState&) = default;
};

// States holding the entries in room order.
ResourcesState make_resources_state(std::vector<ResourceEntry> entries);
BrandState make_brand_state(std::vector<BrandEntry> entries);

// Snapshot: {"resources": [Resource + "audience"]} / {"assets": [BrandAsset + "audience"]}.
Json to_json(const ResourceEntry& e);
Json to_json(const BrandEntry& e);
std::optional<ResourceEntry> resource_entry_from_json(const Json& j);
std::optional<BrandEntry> brand_entry_from_json(const Json& j);
Json to_json(const ResourcesState& s);
Json to_json(const BrandState& s);
std::optional<ResourcesState> resources_from_json(const Json& j);
std::optional<BrandState> brand_from_json(const Json& j);
// Applies resource.published / resource.updated {"resource": entry} (both insert or replace)
// and resource.removed {"id"}; anything else leaves the state unchanged and returns false.
bool apply(ResourcesState& s, std::string_view event_type, const Json& data);
// The same for brand.published / brand.updated {"asset": entry} and brand.removed {"id"}.
bool apply(BrandState& s, std::string_view event_type, const Json& data);
const ResourceEntry* find_resource(const ResourcesState& s, const Id& id);
const BrandEntry* find_brand_asset(const BrandState& s, const Id& id);

// [SECTION] Contacts

// Both teams: the vendor's contacts first, then the partner's (every partner's for vendor
// staff), each by name.
struct ContactsState {
  Id vendor_org;
  std::vector<Contact> contacts;
  friend bool operator==(const ContactsState&, const ContactsState&) = default;
};
// A state holding the contacts in room order.
ContactsState make_contacts_state(Id vendor_org, std::vector<Contact> contacts);
// Snapshot: {"vendor_org", "contacts": [Contact]}.
Json to_json(const ContactsState& s);
std::optional<ContactsState> contacts_from_json(const Json& j);
// Applies contact.saved {"contact"} (insert or replace) and contact.removed {"id"}.
bool apply(ContactsState& s, std::string_view event_type, const Json& data);
const Contact* find_contact(const ContactsState& s, const Id& id);

// [SECTION] Custom rooms

// The rooms the holder sees (vendor staff: every room, drafts included), by title.
struct CustomRoomsState {
  std::vector<CustomRoom> rooms;
  friend bool operator==(const CustomRoomsState&, const CustomRoomsState&) = default;
};
CustomRoomsState make_custom_rooms_state(std::vector<CustomRoom> rooms);
// Snapshot: {"rooms": [CustomRoom]}.
Json to_json(const CustomRoomsState& s);
std::optional<CustomRoomsState> custom_rooms_from_json(const Json& j);
// Applies custom_room.saved {"room"} (insert or replace) and custom_room.removed {"id"}.
bool apply(CustomRoomsState& s, std::string_view event_type, const Json& data);
const CustomRoom* find_custom_room(const CustomRoomsState& s, const Id& id);

// [SECTION] Cases and knowledge base

// One comment on a case, by the partner or by vendor staff.
struct CaseComment {
  Id id;
  Id case_id;
  Id author_id;
  std::string author_name;
  bool from_vendor = false;
  std::string body;
  UnixTime at = 0;
  friend bool operator==(const CaseComment&, const CaseComment&) = default;
};
Json to_json(const CaseComment& c);
std::optional<CaseComment> case_comment_from_json(const Json& j);

struct CaseEntry {
  SupportCase support_case;
  std::vector<CaseComment> comments;  // oldest first
  friend bool operator==(const CaseEntry&, const CaseEntry&) = default;
};

// The partner's cases (every partner's for vendor staff), most recently updated first, and the
// knowledge base (published articles; drafts too for vendor staff), by title.
struct CasesState {
  std::vector<CaseEntry> cases;
  std::vector<KbArticle> articles;
  friend bool operator==(const CasesState&, const CasesState&) = default;
};
// A state holding the cases (comments oldest first) and articles in room order.
CasesState make_cases_state(std::vector<CaseEntry> cases, std::vector<KbArticle> articles);
// Snapshot: {"cases": [SupportCase + "comments": [CaseComment]], "articles": [KbArticle]}.
Json to_json(const CasesState& s);
std::optional<CasesState> cases_from_json(const Json& j);
// Applies case.opened {"case"}, case.updated {"case"} (after the change), case.commented
// {"comment", "updated_at"}, kb.saved {"article"} (insert or replace) and kb.removed {"id"}.
bool apply(CasesState& s, std::string_view event_type, const Json& data);
const CaseEntry* find_case(const CasesState& s, const Id& id);
const KbArticle* find_article(const CasesState& s, const Id& id);

}  // namespace portal
