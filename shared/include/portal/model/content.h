// What the vendor publishes: resources (Resources room), brand assets (Brand guidelines room) and
// announcements (Overview). Resources and brand assets are catalogue entries over a stored file.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/entities.h"

namespace portal {

// [SECTION] Resources

enum class ResourceCategory {
  TrainingMaterial,
  MarketingAsset,
  SalesTool,
  TechnicalDoc,
  PartnershipUpdate
};
// Wire name: "training_material", "marketing_asset", "sales_tool", "technical_doc",
// "partnership_update". Label: "Training materials", "Marketing assets", "Sales tools", ...
std::string_view to_string(ResourceCategory c);
std::optional<ResourceCategory> resource_category_from_string(std::string_view s);
std::string_view resource_category_label(ResourceCategory c);

struct Resource {
  Id id;
  ResourceCategory category = ResourceCategory::SalesTool;
  std::string title;
  std::string description;
  Id file_id;  // the file in storage (see model/files.h)
  std::vector<std::string> tags;
  UnixTime published_at = 0;
  UnixTime updated_at = 0;
  friend bool operator==(const Resource&, const Resource&) = default;
};

// [SECTION] Brand assets

enum class BrandCategory { Logo, Graphic, Template, BrandRule, CoBranded, Campaign };
// Wire name: "logo", "graphic", "template", "brand_rule", "co_branded", "campaign".
// Label: "Logos", "Graphics", "Templates", "Brand rules", "Co-branded assets", "Campaign assets".
std::string_view to_string(BrandCategory c);
std::optional<BrandCategory> brand_category_from_string(std::string_view s);
std::string_view brand_category_label(BrandCategory c);

struct BrandAsset {
  Id id;
  BrandCategory category = BrandCategory::Logo;
  std::string title;
  std::string description;  // usage rules: "Use on light backgrounds only."
  Id file_id;
  std::vector<std::string> tags;
  UnixTime published_at = 0;
  UnixTime updated_at = 0;
  friend bool operator==(const BrandAsset&, const BrandAsset&) = default;
};

// [SECTION] Search

// True when every word of `query` (split on spaces) occurs, ASCII case-insensitively, in the
// title, the description or a tag. An empty query matches everything.
bool matches_search(const Resource& r, std::string_view query);
bool matches_search(const BrandAsset& a, std::string_view query);

// [SECTION] Announcements

// News from the vendor on every partner's Overview, or on some partner types' only.
struct Announcement {
  Id id;
  std::string title;
  std::string body;
  std::vector<Id> type_ids;  // partner types it is for; empty = every partner
  bool pinned = false;
  Id author_id;
  UnixTime published_at = 0;
  UnixTime expires_at = 0;  // 0 = stays
  friend bool operator==(const Announcement&, const Announcement&) = default;
};

// True when a partner of type `type_id` sees the announcement at `at`.
bool is_visible_to(const Announcement& a, const Id& type_id, UnixTime at);

}  // namespace portal
