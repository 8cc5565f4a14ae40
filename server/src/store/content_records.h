// What the store reads and writes for the content rooms (see store.h): Resources, Brand
// guidelines, Contacts, Custom rooms, Cases and the knowledge base.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "portal/rooms/content.h"

namespace portal::server {

// Resources and brand assets are stored alike; `category` is the wire name of the kind's own
// category list.
enum class CatalogueKind { Resource, Brand };

struct CatalogueRecord {
  CatalogueKind kind = CatalogueKind::Resource;
  Id id;
  std::string category;
  std::string title;
  std::string description;
  Id file_id;
  std::vector<std::string> tags;
  Audience audience;
  UnixTime published_at = 0;
  UnixTime updated_at = 0;
  UnixTime archived_at = 0;  // 0 = live
};

// The room entries of a record (nothing when its category is not one of the kind's).
std::optional<ResourceEntry> resource_entry(const CatalogueRecord& r);
std::optional<BrandEntry> brand_entry(const CatalogueRecord& r);

// A partner organisation with what decides which content reaches it.
struct PartnerRef {
  Id org_id;
  Id type_id;         // of its partnership; empty without one
  Id partnership_id;  // empty without one
};

// Which partner a read is for: nothing = program-wide (vendor staff).
struct ContentScope {
  Id org_id;
  Id type_id;
  Id partnership_id;
};

struct CatalogueInputs {
  std::vector<CatalogueRecord> entries;  // live ones the scope sees
  int64_t seq = 0;
};
struct ContactsInputs {
  std::vector<Contact> contacts;
  int64_t seq = 0;
};
struct CustomRoomsInputs {
  std::vector<CustomRoom> rooms;
  int64_t seq = 0;
};
struct CasesInputs {
  std::vector<CaseEntry> cases;
  std::vector<KbArticle> articles;
  int64_t seq = 0;
};

// The rows one content command writes, in the same transaction as its events. Each member
// that is set is inserted or replaces the stored row of its id; removed_* delete.
struct ContentChange {
  std::optional<CatalogueRecord> catalogue;
  std::optional<Contact> contact;
  std::optional<Id> removed_contact;
  std::optional<CustomRoom> room;
  std::optional<Id> removed_room;
  std::optional<SupportCase> support_case;
  std::optional<CaseComment> comment;
  std::optional<KbArticle> article;
  std::optional<Id> removed_article;
  Id actor_id;
};

// Content a fresh database is seeded with (the demo).
struct ContentSeed {
  std::vector<CatalogueRecord> catalogue;
  std::vector<Contact> contacts;
  std::vector<CustomRoom> rooms;
  std::vector<CaseEntry> cases;
  std::vector<KbArticle> articles;
};

}  // namespace portal::server
