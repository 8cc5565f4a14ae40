// Small pieces several screens share: room icons and titles, the logo mark, animation requests.
#include <cmath>
#include <string>

#include "fonts.h"
#include "icons.h"
#include "imgui.h"
#include "portal/model/room_kind.h"
#include "theme.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {
namespace {
bool g_animation_requested = false;
}

const char* room_icon(std::string_view room) {
  auto kind = room_from_string(room);
  if (!kind) return icon::kThLarge;
  switch (*kind) {
    case RoomKind::Overview:
      return icon::kDashboard;
    case RoomKind::Leads:
      return icon::kBullhorn;
    case RoomKind::Deals:
      return icon::kBriefcase;
    case RoomKind::Accounts:
      return icon::kBuilding;
    case RoomKind::Program:
      return icon::kTrophy;
    case RoomKind::Resources:
      return icon::kBook;
    case RoomKind::Projects:
      return icon::kTasks;
    case RoomKind::Messages:
      return icon::kComments;
    case RoomKind::Brand:
      return icon::kPaintBrush;
    case RoomKind::Files:
      return icon::kFolder;
    case RoomKind::Contacts:
      return icon::kAddressBook;
    case RoomKind::Custom:
      return icon::kThLarge;
  }
  return icon::kThLarge;
}

std::string_view room_title(std::string_view room) {
  auto kind = room_from_string(room);
  return kind ? room_label(*kind) : room;
}

void logo_mark(float x, float y, float size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 min(std::floor(x), std::floor(y));
  ImVec2 max(min.x + size, min.y + size);
  dl->AddRectFilled(min, max, theme::rgb(0x4F46E5), size * 0.28f);
  dl->AddRectFilled(min, ImVec2(max.x, min.y + size * 0.5f), theme::rgb(0x6366F1, 120),
                    size * 0.28f, ImDrawFlags_RoundCornersTop);
  ImFont* f = size >= 40 ? fonts().heading : fonts().body;
  ImVec2 ts = text_size(f, icon::kHandshake);
  text_at(f, ImVec2(min.x + (size - ts.x) * 0.5f, min.y + (size - ts.y) * 0.5f),
          theme::rgb(0xFFFFFF), icon::kHandshake);
}

bool take_animation_request() {
  bool r = g_animation_requested;
  g_animation_requested = false;
  return r;
}

void request_animation() {
  g_animation_requested = true;
}

}  // namespace portal::client::ui
