#include "portal/model/content.h"

#include <gtest/gtest.h>

#include "entity_cases.h"

namespace portal {
namespace {

using testing::expect_round_trip;
using testing::expect_validation;
using testing::InvalidCase;

constexpr UnixTime kJan2026 = 1'767'225'600;

Resource battlecard() {
  return Resource{"r-1",
                  ResourceCategory::SalesTool,
                  "Competitive battlecard",
                  "How we win against the incumbents.",
                  "f-battlecard",
                  {"sales", "Competition"},
                  kJan2026,
                  kJan2026 + 10};
}

BrandAsset logo() {
  return BrandAsset{"b-1",          BrandCategory::Logo,
                    "Primary logo", "Use on light backgrounds only.",
                    "f-logo",       {"svg"},
                    kJan2026,       kJan2026};
}

Announcement news() {
  return Announcement{"an-1",
                      "New Gold benefits",
                      "From April, Gold partners get ...",
                      {"pt-reseller"},
                      true,
                      "u-admin",
                      kJan2026,
                      kJan2026 + 30 * kSecondsPerDay};
}

TEST(ContentSearch, EveryWordMustMatchTitleDescriptionOrTag) {
  EXPECT_TRUE(matches_search(battlecard(), ""));
  EXPECT_TRUE(matches_search(battlecard(), "BATTLE"));
  EXPECT_TRUE(matches_search(battlecard(), "incumbents  competition"));
  EXPECT_FALSE(matches_search(battlecard(), "battle pricing"));
  EXPECT_TRUE(matches_search(logo(), "light svg"));
  EXPECT_FALSE(matches_search(logo(), "dark"));
}

TEST(Announcements, VisibleToItsTypesWhilePublished) {
  const Announcement a = news();
  EXPECT_TRUE(is_visible_to(a, "pt-reseller", kJan2026));
  EXPECT_FALSE(is_visible_to(a, "pt-consultant", kJan2026));
  EXPECT_FALSE(is_visible_to(a, "pt-reseller", kJan2026 - 1));
  EXPECT_FALSE(is_visible_to(a, "pt-reseller", a.expires_at));
  Announcement everyone = a;
  everyone.type_ids.clear();
  EXPECT_TRUE(is_visible_to(everyone, "pt-consultant", kJan2026 + 5));
}

TEST(ContentEnums, Labels) {
  EXPECT_EQ(resource_category_label(ResourceCategory::TechnicalDoc), "Technical documentation");
  EXPECT_EQ(to_string(BrandCategory::CoBranded), "co_branded");
  EXPECT_EQ(brand_category_from_string("brand_rule"), BrandCategory::BrandRule);
}

TEST(ContentValidation, Resource) {
  expect_validation(
      battlecard(), validate_resource,
      {InvalidCase<Resource>{"bad id", [](auto& r) { r.id = "r 1"; }, "id"},
       {"no title", [](auto& r) { r.title = ""; }, "title"},
       {"long description", [](auto& r) { r.description = std::string(kMaxDescription + 1, 'x'); },
        "description"},
       {"no file", [](auto& r) { r.file_id = ""; }, "file_id"},
       {"tag twice", [](auto& r) { r.tags.push_back("sales"); }, "tags"},
       {"blank tag", [](auto& r) { r.tags.push_back(" "); }, "tags"},
       {"long tag", [](auto& r) { r.tags.push_back(std::string(kMaxTag + 1, 't')); }, "tags"},
       {"too many tags", [](auto& r) { r.tags.assign(kMaxTags + 1, "t"); }, "tags"},
       {"negative published",
        [](auto& r) {
          r.published_at = -1;
          r.updated_at = 0;
        },
        "published_at"},
       {"updated before published", [](auto& r) { r.updated_at = 5; }, "updated_at"}});
}

TEST(ContentValidation, BrandAsset) {
  expect_validation(logo(), validate_brand_asset,
                    {InvalidCase<BrandAsset>{"no title", [](auto& a) { a.title = ""; }, "title"},
                     {"no file", [](auto& a) { a.file_id = ""; }, "file_id"},
                     {"tag with newline", [](auto& a) { a.tags = {"a\nb"}; }, "tags"}});
}

TEST(ContentValidation, Announcement) {
  expect_validation(
      news(), validate_announcement,
      {InvalidCase<Announcement>{"no title", [](auto& a) { a.title = ""; }, "title"},
       {"no body", [](auto& a) { a.body = ""; }, "body"},
       {"long body", [](auto& a) { a.body = std::string(kMaxLongText + 1, 'b'); }, "body"},
       {"type twice", [](auto& a) { a.type_ids.push_back("pt-reseller"); }, "type_ids"},
       {"bad author", [](auto& a) { a.author_id = "a b"; }, "author_id"},
       {"negative published", [](auto& a) { a.published_at = -1; }, "published_at"},
       {"expires before published", [](auto& a) { a.expires_at = a.published_at; }, "expires_at"}});
}

TEST(ContentCodecs, RoundTrip) {
  expect_round_trip(battlecard(), resource_from_json);
  expect_round_trip(logo(), brand_asset_from_json);
  expect_round_trip(news(), announcement_from_json);
  EXPECT_EQ(to_json(battlecard())["category"], "sales_tool");
}

}  // namespace
}  // namespace portal
