// The signed-in frame: the dark navigation on the left, the header bar on top, and the
// current room in a scrolling content area.
// Index:
// [SECTION] Navigation
// [SECTION] Header
// [SECTION] Shell
#include <cmath>
#include <string>

#include "app.h"
#include "fonts.h"
#include "icons.h"
#include "imgui.h"
#include "portal/model/role.h"
#include "portal/model/room_kind.h"
#include "test_hook.h"
#include "theme.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {
namespace {

// [SECTION] Navigation

void navigation(App& app, ImVec2 origin, float height) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float w = theme::kNavWidth;
  dl->AddRectFilled(origin, ImVec2(origin.x + w, origin.y + height), theme::kNavBg);

  // Brand.
  logo_mark(origin.x + 20, origin.y + 16, 32);
  text_at(fonts().body_strong, ImVec2(origin.x + 64, origin.y + 23), theme::kNavStrong,
          "Partner Portal");

  text_at(fonts().small_strong, ImVec2(origin.x + 24, origin.y + 88), theme::kNavMuted,
          "WORKSPACE");

  const auto& rooms = app.session()->rooms;
  float y = origin.y + 112;
  for (const std::string& room : rooms) {
    const std::string_view label = room_title(room);
    const bool selected = room == app.room();
    ImVec2 min(origin.x + 12, y), max(origin.x + w - 12, y + 40);
    ImGui::SetCursorScreenPos(min);
    ImGui::PushID(room.c_str());
    if (ImGui::InvisibleButton("##nav", ImVec2(max.x - min.x, max.y - min.y)))
      app.select_room(room);
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    // Labels of known rooms are static strings; an unknown room's name dies with the session.
    if (room_from_string(room)) hook::record_rect(label, min, max);
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (selected) {
      dl->AddRectFilled(min, max, theme::kNavSelected, theme::kControlRounding);
      dl->AddRectFilled(ImVec2(min.x, min.y + 10), ImVec2(min.x + 3, max.y - 10),
                        theme::rgb(0x818CF8), 2);
    } else if (hovered) {
      dl->AddRectFilled(min, max, theme::kNavHover, theme::kControlRounding);
    }
    ImFont* f = selected ? fonts().body_strong : fonts().body;
    const ImU32 icon_col = selected ? theme::rgb(0xA5B4FC) : theme::kNavMuted;
    const ImU32 text_col = selected || hovered ? theme::kNavStrong : theme::kNavText;
    float ty = std::floor(min.y + (40 - font_px(f)) * 0.5f) - 1;
    text_at(f, ImVec2(min.x + 14, ty), icon_col, room_icon(room));
    text_at(f, ImVec2(min.x + 44, ty), text_col, label);
    y += 44;
  }

  // The partner's programme standing, at the foot of the navigation: the log-in's, or the
  // Overview's once it is followed (a tier review there shows at once).
  Organisation org = app.session()->org;
  if (const OverviewState* o = app.replica().overview(); o != nullptr && o->org_id == org.id) {
    org.tier = o->tier;
    org.revenue_share_bp = o->revenue_share_bp;
  }
  if (!org.tier.empty() && height > y - origin.y + 120) {
    ImVec2 bmin(origin.x + 12, origin.y + height - 84),
        bmax(origin.x + w - 12, origin.y + height - 16);
    dl->AddRectFilled(bmin, bmax, theme::rgb(0x1E293B), theme::kCardRounding);
    dl->AddRect(bmin, bmax, theme::rgb(0x334155), theme::kCardRounding);
    icon_badge(ImVec2(bmin.x + 30, bmin.y + 34), 16, icon::kTrophy, theme::rgb(0xF79009, 40),
               theme::rgb(0xFDB022));
    std::string tier = org.tier + " partner";
    text_at(fonts().body_strong, ImVec2(bmin.x + 56, bmin.y + 15), theme::kNavStrong, tier);
    char share[48];
    std::snprintf(share, sizeof(share), "%d%% revenue share", org.revenue_share_bp / 100);
    text_at(fonts().small, ImVec2(bmin.x + 56, bmin.y + 36), theme::kNavText, share);
  }
}

// [SECTION] Header

std::string initials(const std::string& name) {
  std::string out;
  bool take = true;
  for (char c : name) {
    if (c == ' ')
      take = true;
    else if (take && out.size() < 2) {
      out += char(std::toupper(static_cast<unsigned char>(c)));
      take = false;
    }
  }
  return out;
}

void header(App& app, ImVec2 origin, float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float h = theme::kHeaderHeight;
  ImVec2 max(origin.x + width, origin.y + h);
  dl->AddRectFilled(origin, max, theme::kCardBg);
  dl->AddLine(ImVec2(origin.x, max.y - 0.5f), ImVec2(max.x, max.y - 0.5f), theme::kCardBorder);

  const WelcomeFrame& s = *app.session();
  // Left: the organisation.
  float x = origin.x + theme::kPageMargin;
  ImVec2 ns = text_size(fonts().body_strong, s.org.name);
  text_at(fonts().body_strong, ImVec2(x, origin.y + (h - ns.y) * 0.5f), theme::kText, s.org.name);
  x += ns.x + 12;
  if (!s.org.tier.empty()) {
    std::string tier = s.org.tier;
    ImVec2 ps;
    pill(ImVec2(x, origin.y + (h - 22) * 0.5f), tier, theme::kWarningSoft, theme::kWarningText,
         &ps);
    x += ps.x + 10;
  }
  const LinkStatus link = app.link_status();
  if (link != LinkStatus::Online) {
    const std::string msg = app.connection_notice();
    ImVec2 ms = text_size(fonts().small_strong, msg);
    ImVec2 bmin(x + 6, origin.y + (h - 28) * 0.5f), bmax(bmin.x + ms.x + 24, bmin.y + 28);
    const bool offline = link == LinkStatus::Offline;
    dl->AddRectFilled(bmin, bmax, offline ? theme::kDangerSoft : theme::kWarningSoft, 14);
    text_at(fonts().small_strong, ImVec2(bmin.x + 12, bmin.y + (28 - ms.y) * 0.5f),
            offline ? theme::kDanger : theme::kWarningText, msg);
  }

  // Right, from the edge inwards: log out, the user, the connection.
  float right = max.x - theme::kPageMargin;
  const char* logout = "Log out";
  ImVec2 bs(text_size(fonts().body_strong, logout).x + font_px(fonts().body_strong) + 8 + 32, 36);
  ImGui::SetCursorScreenPos(ImVec2(right - bs.x, origin.y + (h - bs.y) * 0.5f));
  if (button(logout, ButtonKind::Secondary, bs, icon::kSignOut)) app.logout();
  right -= bs.x + 20;

  dl->AddLine(ImVec2(right, origin.y + 18), ImVec2(right, max.y - 18), theme::kCardBorder);
  right -= 20;

  const std::string role = std::string(role_label(s.user.role));
  ImVec2 us = text_size(fonts().body_strong, s.user.name);
  ImVec2 rs = text_size(fonts().small, role);
  float block = std::max(us.x, rs.x);
  text_at(fonts().body_strong, ImVec2(right - block, origin.y + 13), theme::kText, s.user.name);
  text_at(fonts().small, ImVec2(right - block, origin.y + 33), theme::kTextMuted, role);
  right -= block + 12;
  ImVec2 c(right - 18, origin.y + h * 0.5f);
  dl->AddCircleFilled(c, 18, theme::kAccentSoft, 32);
  std::string ini = initials(s.user.name);
  ImVec2 is = text_size(fonts().small_strong, ini);
  text_at(fonts().small_strong, ImVec2(c.x - is.x * 0.5f, c.y - is.y * 0.5f), theme::kAccentText,
          ini);
  right -= 36 + 20;

  dl->AddLine(ImVec2(right, origin.y + 18), ImVec2(right, max.y - 18), theme::kCardBorder);
  right -= 20;

  const char* label = link == LinkStatus::Online         ? "Live"
                      : link == LinkStatus::Reconnecting ? "Reconnecting\xe2\x80\xa6"
                                                         : "Offline";
  const ImU32 dot = link == LinkStatus::Online         ? theme::kSuccess
                    : link == LinkStatus::Reconnecting ? theme::kWarning
                                                       : theme::kDanger;
  ImVec2 ls = text_size(fonts().small_strong, label);
  text_at(fonts().small_strong, ImVec2(right - ls.x, origin.y + (h - ls.y) * 0.5f),
          theme::kTextSecondary, label);
  ImVec2 dc(right - ls.x - 12, origin.y + h * 0.5f);
  dl->AddCircleFilled(dc, 6.5f, (dot & 0x00FFFFFF) | (50u << 24), 20);
  dl->AddCircleFilled(dc, 3.5f, dot, 16);
}

}  // namespace

// [SECTION] Shell

void shell(App& app) {
  const ImVec2 origin = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  navigation(app, origin, size.y);
  const ImVec2 main_origin(origin.x + theme::kNavWidth, origin.y);
  const float main_w = size.x - theme::kNavWidth;
  header(app, main_origin, main_w);

  ImGui::SetCursorScreenPos(ImVec2(main_origin.x, main_origin.y + theme::kHeaderHeight));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme::kPageMargin, theme::kPageMargin));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 0.0f);
  ImGui::BeginChild("##content", ImVec2(main_w, size.y - theme::kHeaderHeight), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoNavFocus);
  ImGui::PopStyleVar(3);
  if (app.room() == "overview")
    overview_room(app);
  else if (app.room() == "leads")
    leads_room(app);
  else if (app.room() == "deals")
    deals_room(app);
  else if (app.room() == "accounts")
    accounts_room(app);
  else if (app.room() == "program")
    program_room(app);
  else if (app.room() == "messages")
    messages_room(app);
  else if (app.room() == "contacts")
    contacts_room(app);
  else
    coming_soon_room(app, app.room());
  ImGui::Dummy(ImVec2(0, theme::kPageMargin - ImGui::GetStyle().ItemSpacing.y));
  ImGui::EndChild();
  lead_form(app);
  account_form(app);
  announcement_form(app);
  invite_form(app);
  revoke_confirm(app);
  new_message_form(app);
}

}  // namespace portal::client::ui
