// Index:
// [SECTION] Text
// [SECTION] Cards
// [SECTION] Buttons
// [SECTION] Fields
// [SECTION] Decorations
// [SECTION] Filters
// [SECTION] Modal forms
#include "ui/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "fonts.h"
#include "icons.h"
#include "imgui_internal.h"
#include "test_hook.h"
#include "theme.h"
#include "ui/screens.h"

namespace portal::client::ui {

// [SECTION] Text

float font_px(ImFont* font) {
  return font->FontSize * ImGui::GetIO().FontGlobalScale;
}

ImVec2 text_size(ImFont* font, std::string_view text) {
  return font->CalcTextSizeA(font_px(font), FLT_MAX, 0.0f, text.data(), text.data() + text.size());
}

void text_at(ImFont* font, ImVec2 pos, ImU32 color, std::string_view text) {
  ImGui::GetWindowDrawList()->AddText(font, font_px(font),
                                      ImVec2(std::floor(pos.x), std::floor(pos.y)), color,
                                      text.data(), text.data() + text.size());
}

void text(ImFont* font, ImU32 color, std::string_view t) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImVec2 size = text_size(font, t);
  text_at(font, pos, color, t);
  ImGui::Dummy(size);
}

// [SECTION] Cards

namespace {

struct CardFrame {
  ImDrawListSplitter splitter;  // kept across frames: its buffers are reused, not reallocated
  ImVec2 start;
  float width = 0;
  float min_height = 0;
};
CardFrame g_cards[4];
int g_card_depth = 0;

}  // namespace

void soft_shadow(ImDrawList* dl, ImVec2 min, ImVec2 max, float rounding, float strength) {
  dl->AddRectFilled(ImVec2(min.x, min.y + 1), ImVec2(max.x, max.y + 2),
                    theme::rgb(0x101828, int(10 * strength)), rounding + 1);
  dl->AddRectFilled(ImVec2(min.x - 1, min.y + 2), ImVec2(max.x + 1, max.y + 4),
                    theme::rgb(0x101828, int(5 * strength)), rounding + 2);
}

void card_begin(float width, float min_height) {
  IM_ASSERT(g_card_depth < 4 && "cards nest at most four deep");
  CardFrame& c = g_cards[g_card_depth++];
  ImDrawList* dl = ImGui::GetWindowDrawList();
  c.splitter.Split(dl, 2);
  c.splitter.SetCurrentChannel(dl, 1);
  c.start = ImGui::GetCursorScreenPos();
  c.width = width;
  c.min_height = min_height;
  ImGui::BeginGroup();
  ImGui::SetCursorScreenPos(
      ImVec2(c.start.x + theme::kCardPadding, c.start.y + theme::kCardPadding));
  ImGui::BeginGroup();
}

float card_inner_width() {
  IM_ASSERT(g_card_depth > 0);
  return g_cards[g_card_depth - 1].width - 2 * theme::kCardPadding;
}

void card_end() {
  IM_ASSERT(g_card_depth > 0);
  CardFrame& c = g_cards[--g_card_depth];
  ImGui::EndGroup();
  float bottom = ImGui::GetItemRectMax().y + theme::kCardPadding;
  float height = std::max(bottom - c.start.y, c.min_height);
  ImGui::SetCursorScreenPos(c.start);
  ImGui::Dummy(ImVec2(c.width, height));
  ImGui::EndGroup();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  c.splitter.SetCurrentChannel(dl, 0);
  ImVec2 max(c.start.x + c.width, c.start.y + height);
  soft_shadow(dl, c.start, max, theme::kCardRounding);
  dl->AddRectFilled(c.start, max, theme::kCardBg, theme::kCardRounding);
  dl->AddRect(c.start, max, theme::kCardBorder, theme::kCardRounding, 0, 1.0f);
  c.splitter.Merge(dl);
}

void card_title(std::string_view title, std::string_view subtitle) {
  text(fonts().heading, theme::kText, title);
  if (!subtitle.empty()) {
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
    text(fonts().small, theme::kTextMuted, subtitle);
  }
  ImGui::Dummy(ImVec2(0, 4));
}

// [SECTION] Buttons

bool button(const char* label, ButtonKind kind, ImVec2 size, const char* icon, bool busy,
            bool enabled) {
  ImFont* font = fonts().body_strong;
  ImVec2 ts = text_size(font, label);
  float icon_w = icon || busy ? font_px(font) + 8 : 0;
  if (size.x <= 0) size.x = ts.x + icon_w + 36;
  if (size.y <= 0) size.y = theme::kControlHeight;

  bool pressed = ImGui::InvisibleButton(label, size);
  hook::record(label);
  const bool hovered = ImGui::IsItemHovered() && enabled;
  const bool held = ImGui::IsItemActive() && enabled;
  if (hovered && !busy) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

  ImU32 bg = 0, fg = 0, border = 0;
  switch (kind) {
    case ButtonKind::Primary:
      bg = held ? theme::kAccentActive : hovered ? theme::kAccentHover : theme::kAccent;
      fg = theme::rgb(0xFFFFFF);
      break;
    case ButtonKind::Secondary:
      bg = held ? theme::rgb(0xF2F4F7) : hovered ? theme::rgb(0xF9FAFB) : theme::kCardBg;
      fg = theme::kNeutralText;
      border = theme::kInputBorder;
      break;
    case ButtonKind::Ghost:
      bg = held ? theme::rgb(0xEEF0F4) : hovered ? theme::rgb(0xF5F6F8) : 0;
      fg = theme::kTextSecondary;
      break;
    case ButtonKind::Danger:
      bg = held ? theme::rgb(0xB42318) : hovered ? theme::rgb(0xC4320A) : theme::kDanger;
      fg = theme::rgb(0xFFFFFF);
      break;
  }
  if (!enabled) {
    bg = kind == ButtonKind::Primary ? theme::rgb(0xA5B4FC) : bg;
    fg = kind == ButtonKind::Primary ? theme::rgb(0xFFFFFF) : theme::kTextFaint;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  if (kind == ButtonKind::Primary || kind == ButtonKind::Secondary)
    dl->AddRectFilled(ImVec2(min.x, min.y + 1), ImVec2(max.x, max.y + 1), theme::rgb(0x101828, 12),
                      theme::kControlRounding);
  if (bg) dl->AddRectFilled(min, max, bg, theme::kControlRounding);
  if (border) dl->AddRect(min, max, border, theme::kControlRounding, 0, 1.0f);

  float x = std::floor(min.x + (size.x - ts.x - icon_w) * 0.5f);
  float y = std::floor(min.y + (size.y - ts.y) * 0.5f);
  if (busy) {
    spinner(ImVec2(x + font_px(font) * 0.5f, min.y + size.y * 0.5f), font_px(font) * 0.42f, fg);
  } else if (icon) {
    text_at(font, ImVec2(x, y), fg, icon);
  }
  text_at(font, ImVec2(x + icon_w, y), fg, label);
  return pressed && enabled && !busy;
}

// [SECTION] Fields

namespace {

void field_label(const char* label) {
  text(fonts().small_strong, theme::kNeutralText, label);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 2);
}

void field_chrome(bool has_error) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  if (ImGui::IsItemActive()) {
    ImU32 ring = has_error ? theme::rgb(0xD92D20, 45) : theme::kFocusRing;
    dl->AddRect(ImVec2(min.x - 2, min.y - 2), ImVec2(max.x + 2, max.y + 2), ring,
                theme::kControlRounding + 2, 0, 3.0f);
    dl->AddRect(min, max, has_error ? theme::kDanger : theme::kAccent, theme::kControlRounding, 0,
                1.0f);
  } else if (ImGui::IsItemHovered() && !has_error) {
    dl->AddRect(min, max, theme::rgb(0x98A2B3), theme::kControlRounding, 0, 1.0f);
  }
}

// The message under a field, wrapped to the field's width so a long sentence never spills out.
void field_error(std::string_view error, float width) {
  if (error.empty()) return;
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 2);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  text_at(fonts().small, pos, theme::kDanger, icon::kExclamation);
  float w = font_px(fonts().small) + 6;
  ImGui::SetCursorScreenPos(ImVec2(pos.x + w, pos.y));
  ImGui::PushFont(fonts().small);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kDanger);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - w);
  ImGui::TextUnformatted(error.data(), error.data() + error.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

}  // namespace

bool text_field(const char* label, const char* id, char* buf, size_t buf_size, float width,
                std::string_view error, ImGuiInputTextFlags flags, const char* hint, bool focus) {
  ImGui::BeginGroup();
  field_label(label);
  ImGui::PushStyleColor(ImGuiCol_Border, error.empty() ? theme::kInputBorder : theme::kDanger);
  ImGui::SetNextItemWidth(width);
  if (focus) ImGui::SetKeyboardFocusHere();
  bool enter = ImGui::InputTextWithHint(id, hint ? hint : "", buf, buf_size,
                                        flags | ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::PopStyleColor();
  hook::record(label);
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
  field_chrome(!error.empty());
  field_error(error, width);
  ImGui::EndGroup();
  return enter;
}

void multiline_field(const char* label, const char* id, char* buf, size_t buf_size, float width,
                     float height, std::string_view error, const char* hint) {
  ImGui::BeginGroup();
  field_label(label);
  ImGui::PushStyleColor(ImGuiCol_Border, error.empty() ? theme::kInputBorder : theme::kDanger);
  ImGui::InputTextMultiline(id, buf, buf_size, ImVec2(width, height));
  ImGui::PopStyleColor();
  hook::record(label);
  field_chrome(!error.empty());
  if (hint && !buf[0] && !ImGui::IsItemActive()) {
    ImVec2 min = ImGui::GetItemRectMin();
    ImGuiStyle& s = ImGui::GetStyle();
    text_at(fonts().body, ImVec2(min.x + s.FramePadding.x, min.y + s.FramePadding.y),
            theme::kTextFaint, hint);
  }
  field_error(error, width);
  ImGui::EndGroup();
}

// [SECTION] Decorations

ImVec2 pill_size(std::string_view text) {
  ImVec2 ts = text_size(fonts().small_strong, text);
  return ImVec2(std::floor(ts.x + 20), 22);
}

void pill(ImVec2 pos, std::string_view text, ImU32 bg, ImU32 fg, ImVec2* size_out) {
  ImVec2 size = pill_size(text);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  pos = ImVec2(std::floor(pos.x), std::floor(pos.y));
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), bg, size.y * 0.5f);
  dl->AddCircleFilled(ImVec2(pos.x + 9, pos.y + size.y * 0.5f), 2.5f, fg, 12);
  ImVec2 ts = text_size(fonts().small_strong, text);
  text_at(fonts().small_strong, ImVec2(pos.x + 15, pos.y + (size.y - ts.y) * 0.5f), fg, text);
  if (size_out) *size_out = ImVec2(size.x + 6, size.y);
}

bool chip(const char* label, std::string_view text, bool selected, int count) {
  ImFont* f = fonts().small_strong;
  char num[16] = "";
  if (count >= 0) std::snprintf(num, sizeof(num), "%d", count);
  const float tw = text_size(f, text).x, nw = count >= 0 ? text_size(f, num).x + 8 : 0;
  const ImVec2 size(tw + nw + 24, 30);
  const bool pressed = ImGui::InvisibleButton(label, size);
  hook::record(label);
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  const ImU32 bg = selected ? theme::kAccentSoft : hovered ? theme::rgb(0xF9FAFB) : theme::kCardBg;
  const ImU32 border = selected ? theme::rgb(0xC7D2FE) : theme::kCardBorder;
  const ImU32 fg = selected ? theme::kAccentText : theme::kTextSecondary;
  dl->AddRectFilled(min, max, bg, size.y * 0.5f);
  dl->AddRect(min, max, border, size.y * 0.5f);
  const float ty = std::floor(min.y + (size.y - font_px(f)) * 0.5f) - 1;
  text_at(f, ImVec2(min.x + 12, ty), fg, text);
  if (count >= 0) text_at(f, ImVec2(min.x + 12 + tw + 8, ty), selected ? fg : theme::kTextFaint, num);
  return pressed;
}

void spinner(ImVec2 center, float radius, ImU32 color, float thickness) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float t = float(ImGui::GetTime());
  float start = t * 6.0f;
  ImU32 faint = (color & 0x00FFFFFF) | (60u << 24);
  dl->PathArcTo(center, radius, 0, IM_PI * 2, 32);
  dl->PathStroke(faint, 0, thickness);
  dl->PathArcTo(center, radius, start, start + IM_PI * 0.6f, 16);
  dl->PathStroke(color, 0, thickness);
  request_animation();
}

void icon_badge(ImVec2 center, float radius, const char* icon, ImU32 bg, ImU32 fg) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(center.x - radius, center.y - radius),
                    ImVec2(center.x + radius, center.y + radius), bg, radius * 0.55f);
  ImFont* f = fonts().body;
  ImVec2 ts = text_size(f, icon);
  text_at(f, ImVec2(center.x - ts.x * 0.5f, center.y - ts.y * 0.5f), fg, icon);
}

void banner(std::string_view message, ImU32 bg, ImU32 border, ImU32 fg, float width) {
  ImFont* f = fonts().small;
  float icon_w = font_px(f) + 8;
  float wrap = width - 24 - icon_w;
  ImVec2 ts =
      f->CalcTextSizeA(font_px(f), FLT_MAX, wrap, message.data(), message.data() + message.size());
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImVec2 size(width, std::floor(ts.y + 20));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), bg, theme::kControlRounding);
  dl->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), border, theme::kControlRounding);
  text_at(f, ImVec2(pos.x + 12, pos.y + 10), fg, icon::kExclamation);
  dl->AddText(f, font_px(f), ImVec2(pos.x + 12 + icon_w, pos.y + 10), fg, message.data(),
              message.data() + message.size(), wrap);
  ImGui::Dummy(size);
}

void stat_tile(const StatTile& tile, ImVec2 pos, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 max(pos.x + size.x, pos.y + size.y);
  soft_shadow(dl, pos, max, theme::kCardRounding);
  dl->AddRectFilled(pos, max, theme::kCardBg, theme::kCardRounding);
  dl->AddRect(pos, max, theme::kCardBorder, theme::kCardRounding);
  const float pad = theme::kCardPadding + 2;
  text_at(fonts().small_strong, ImVec2(pos.x + pad, pos.y + pad), theme::kTextMuted, tile.label);
  icon_badge(ImVec2(max.x - pad - 16, pos.y + pad + 14), 16, tile.icon, tile.icon_bg, tile.icon_fg);
  text_at(fonts().figure, ImVec2(pos.x + pad, pos.y + pad + 26), theme::kText, tile.value);
  text_at(fonts().small, ImVec2(pos.x + pad, pos.y + pad + 64), theme::kTextMuted, tile.caption);
}

// [SECTION] Filters

bool partner_filter(std::string& selected, const std::vector<RoomPartner>& partners, float width,
                    const char* none_label) {
  if (partners.size() < 2) return false;
  const RoomPartner* chosen = find_partner(partners, selected);
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  ImGui::PushFont(fonts().small);
  if (ImGui::BeginCombo("##partner", chosen ? chosen->name.c_str() : none_label)) {
    static std::string label;  // reused: an open list does not allocate per row
    if (ImGui::Selectable(none_label, !chosen) && chosen) {
      selected.clear();
      changed = true;
    }
    label.assign("partner:").append(none_label);
    hook::record_owned(label);
    for (const RoomPartner& p : partners) {
      if (ImGui::Selectable(p.name.c_str(), chosen == &p) && chosen != &p) {
        selected = p.org_id;
        changed = true;
      }
      label.assign("partner:").append(p.name);
      hook::record_owned(label);
    }
    ImGui::EndCombo();
  }
  hook::record("Partner filter");
  ImGui::PopFont();
  return changed;
}

// [SECTION] Modal forms

namespace {

constexpr float kModalPadX = 28, kModalPadY = 24;

void modal_close_cross(float inner, ImVec2 top, bool busy) {
  const ImVec2 save = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(top.x + inner - 30, top.y - 4));
  if (ImGui::InvisibleButton("##close", ImVec2(30, 30)) && !busy) ImGui::CloseCurrentPopup();
  const ImVec2 min = ImGui::GetItemRectMin();
  if (ImGui::IsItemHovered()) {
    ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + 30, min.y + 30),
                                              theme::kNeutralSoft, 6);
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  }
  const ImVec2 ts = text_size(fonts().body, icon::kTimes);
  text_at(fonts().body, ImVec2(min.x + (30 - ts.x) * 0.5f, min.y + (30 - ts.y) * 0.5f),
          theme::kTextMuted, icon::kTimes);
  ImGui::SetCursorScreenPos(save);
}

}  // namespace

bool modal_begin(const ModalLook& look, ModalFlags flags, bool busy, std::string_view error,
                 float& inner, bool& focus) {
  if (flags.request_open) {
    ImGui::OpenPopup(look.id);
    flags.request_open = false;
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float width = std::min(look.max_width, display.x - 32);
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(kModalPadX, kModalPadY));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 14.0f);  // a modal rounds like a window
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration |
                                      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings;
  const bool visible = ImGui::BeginPopupModal(look.id, nullptr, kFlags);
  ImGui::PopStyleVar(3);
  flags.open = visible;
  if (!visible) return false;

  inner = width - 2 * kModalPadX;
  focus = flags.focus_first;
  flags.focus_first = false;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  text(fonts().heading, theme::kText, look.title);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  text(fonts().small, theme::kTextMuted, look.subtitle);
  if (look.close_cross) modal_close_cross(inner, top, busy);
  {
    // A hairline between the title and the fields, across the whole modal.
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x - kModalPadX, p.y + 6),
                                        ImVec2(p.x + inner + kModalPadX, p.y + 6),
                                        theme::kDivider);
    ImGui::Dummy(ImVec2(inner, 12));
  }
  if (!error.empty()) {
    banner(error, theme::kDangerSoft, theme::kDangerBorder, theme::kDanger, inner);
    ImGui::Dummy(ImVec2(0, 2));
  }
  return true;
}

bool modal_end(ModalFlags flags, const char* submit_label, float submit_width, bool busy,
               bool enter, const char* submit_icon, float gap, ButtonKind submit_kind,
               bool can_submit) {
  const float inner = ImGui::GetWindowWidth() - 2 * kModalPadX;
  ImGui::Dummy(ImVec2(0, gap));
  const float cancel_w = 100;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + inner - submit_width - cancel_w - 12);
  if (button("Cancel", ButtonKind::Secondary, ImVec2(cancel_w, 40), nullptr, false, !busy))
    ImGui::CloseCurrentPopup();
  ImGui::SameLine(0, 12);
  bool submit = enter && can_submit;
  if (button(submit_label, submit_kind, ImVec2(submit_width, 40), submit_icon, busy, can_submit))
    submit = true;
  if (!busy && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
    ImGui::CloseCurrentPopup();
  if (flags.request_close) {
    // The ack arrived: the form was reset and asks to go.
    flags.request_close = false;
    flags.open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return submit && !busy;
}

std::string_view first_error(const std::vector<FieldError>& errors,
                             std::initializer_list<std::string_view> fields) {
  for (const FieldError& e : errors)
    for (std::string_view name : fields)
      if (e.field == name) return e.message;
  return {};
}

}  // namespace portal::client::ui
