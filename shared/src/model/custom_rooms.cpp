#include "portal/model/custom_rooms.h"

#include <algorithm>

#include "model/name_table.h"

namespace portal {
namespace {

using detail::NameTable;

constexpr NameTable<RoomTemplate, 6> kTemplates{{{
    {"blank", "Blank"},
    {"training_portal", "Training portal"},
    {"campaign_centre", "Campaign centre"},
    {"support_hub", "Support hub"},
    {"analytics_dashboard", "Analytics dashboard"},
    {"vertical_page", "Vertical page"},
}}};

constexpr NameTable<SectionKind, 7> kSectionKinds{{{
    {"text", "Text"},
    {"resources", "Resources"},
    {"trainings", "Trainings"},
    {"faq", "FAQ"},
    {"chart", "Chart"},
    {"links", "Links"},
    {"announcements", "Announcements"},
}}};

RoomSection section(const char* title, SectionKind kind) {
  return RoomSection{title, kind, "", {}};
}

}  // namespace

std::string_view to_string(RoomTemplate t) {
  return kTemplates.wire(t);
}
std::optional<RoomTemplate> room_template_from_string(std::string_view s) {
  return kTemplates.parse(s);
}
std::string_view room_template_label(RoomTemplate t) {
  return kTemplates.label(t);
}

std::string_view to_string(SectionKind k) {
  return kSectionKinds.wire(k);
}
std::optional<SectionKind> section_kind_from_string(std::string_view s) {
  return kSectionKinds.parse(s);
}
std::string_view section_kind_label(SectionKind k) {
  return kSectionKinds.label(k);
}

std::vector<RoomSection> template_sections(RoomTemplate t) {
  switch (t) {
    case RoomTemplate::Blank:
      return {section("Welcome", SectionKind::Text)};
    case RoomTemplate::TrainingPortal:
      return {section("Welcome", SectionKind::Text),
              section("Your trainings", SectionKind::Trainings),
              section("Material", SectionKind::Resources)};
    case RoomTemplate::CampaignCentre:
      return {section("Current campaigns", SectionKind::Announcements),
              section("Campaign assets", SectionKind::Resources),
              section("Results", SectionKind::Chart)};
    case RoomTemplate::SupportHub:
      return {section("How to get help", SectionKind::Text), section("FAQ", SectionKind::Faq),
              section("Useful links", SectionKind::Links)};
    case RoomTemplate::AnalyticsDashboard:
      return {section("Pipeline", SectionKind::Chart), section("Revenue", SectionKind::Chart)};
    case RoomTemplate::VerticalPage:
      return {section("About this market", SectionKind::Text),
              section("Sales material", SectionKind::Resources),
              section("References", SectionKind::Links)};
  }
  return {};
}

bool is_shown_to(const CustomRoom& room, const Id& partnership_id) {
  if (!room.published) return false;
  return room.partnership_ids.empty() ||
         std::find(room.partnership_ids.begin(), room.partnership_ids.end(), partnership_id) !=
             room.partnership_ids.end();
}

}  // namespace portal
