// Custom rooms: vendor-defined rooms (training portal, campaign centre, support hub, analytics
// dashboard, vertical pages) built from the same parts as the fixed rooms, shown to some or all
// partnerships that have the Custom room switched on.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/entities.h"

namespace portal {

enum class RoomTemplate {
  Blank,
  TrainingPortal,
  CampaignCentre,
  SupportHub,
  AnalyticsDashboard,
  VerticalPage
};
// Wire name: "blank", "training_portal", "campaign_centre", "support_hub",
// "analytics_dashboard", "vertical_page". Label: "Blank", "Training portal", ...
std::string_view to_string(RoomTemplate t);
std::optional<RoomTemplate> room_template_from_string(std::string_view s);
std::string_view room_template_label(RoomTemplate t);

// The parts a room is built from.
enum class SectionKind { Text, Resources, Trainings, Faq, Chart, Links, Announcements };
// Wire name: "text", "resources", "trainings", "faq", "chart", "links", "announcements".
std::string_view to_string(SectionKind k);
std::optional<SectionKind> section_kind_from_string(std::string_view s);
std::string_view section_kind_label(SectionKind k);

struct RoomSection {
  std::string title;
  SectionKind kind = SectionKind::Text;
  std::string body;          // text, or the FAQ's intro
  std::vector<Id> item_ids;  // resources, trainings, KB articles, ... the section lists
  friend bool operator==(const RoomSection&, const RoomSection&) = default;
};

struct CustomRoom {
  Id id;
  std::string title;
  std::string slug;  // the deep-link name: "training-portal"
  RoomTemplate kind = RoomTemplate::Blank;
  std::vector<RoomSection> sections;
  std::vector<Id> partnership_ids;  // who sees it; empty = every partnership with Custom rooms
  bool published = false;
  UnixTime updated_at = 0;
  friend bool operator==(const CustomRoom&, const CustomRoom&) = default;
};

// The sections a new room of template `t` starts with (titles and kinds, no content).
std::vector<RoomSection> template_sections(RoomTemplate t);
// True when the published room is shown to partnership `partnership_id`.
bool is_shown_to(const CustomRoom& room, const Id& partnership_id);

}  // namespace portal
