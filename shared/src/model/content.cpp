#include "portal/model/content.h"

#include <algorithm>

#include "model/name_table.h"
#include "model/text_search.h"

namespace portal {
namespace {

using detail::NameTable;

constexpr NameTable<ResourceCategory, 5> kResourceCategories{{{
    {"training_material", "Training materials"},
    {"marketing_asset", "Marketing assets"},
    {"sales_tool", "Sales tools"},
    {"technical_doc", "Technical documentation"},
    {"partnership_update", "Partnership updates"},
}}};

constexpr NameTable<BrandCategory, 6> kBrandCategories{{{
    {"logo", "Logos"},
    {"graphic", "Graphics"},
    {"template", "Templates"},
    {"brand_rule", "Brand rules"},
    {"co_branded", "Co-branded assets"},
    {"campaign", "Campaign assets"},
}}};

}  // namespace

std::string_view to_string(ResourceCategory c) {
  return kResourceCategories.wire(c);
}
std::optional<ResourceCategory> resource_category_from_string(std::string_view s) {
  return kResourceCategories.parse(s);
}
std::string_view resource_category_label(ResourceCategory c) {
  return kResourceCategories.label(c);
}

std::string_view to_string(BrandCategory c) {
  return kBrandCategories.wire(c);
}
std::optional<BrandCategory> brand_category_from_string(std::string_view s) {
  return kBrandCategories.parse(s);
}
std::string_view brand_category_label(BrandCategory c) {
  return kBrandCategories.label(c);
}

bool matches_search(const Resource& r, std::string_view query) {
  return detail::matches_words(query, {r.title, r.description}, r.tags);
}

bool matches_search(const BrandAsset& a, std::string_view query) {
  return detail::matches_words(query, {a.title, a.description}, a.tags);
}

bool is_visible_to(const Announcement& a, const Id& type_id, UnixTime at) {
  if (at < a.published_at || (a.expires_at != 0 && at >= a.expires_at)) return false;
  return a.type_ids.empty() ||
         std::find(a.type_ids.begin(), a.type_ids.end(), type_id) != a.type_ids.end();
}

}  // namespace portal
