// The app's building blocks, drawn over Dear ImGui so nothing looks like ImGui's default:
// cards, stat tiles, pills, buttons, labelled text fields, a spinner. Sizes in CSS pixels.
#pragma once
#include <string>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "imgui.h"
#include "portal/rooms/room_partners.h"
#include "portal/rules/validation.h"

namespace portal::client::ui {

// [SECTION] Text
// The CSS pixel size `font` draws at (its atlas size is multiplied by the device pixel ratio).
float font_px(ImFont* font);
ImVec2 text_size(ImFont* font, std::string_view text);
void text_at(ImFont* font, ImVec2 pos, ImU32 color, std::string_view text);
// Text as an ImGui item at the cursor (advances the layout).
void text(ImFont* font, ImU32 color, std::string_view text);

// [SECTION] Cards
// A white rounded card `width` wide whose height follows its content. The cursor starts
// inside the padding. Cards nest up to four deep.
void card_begin(float width, float min_height = 0.0f);
void card_end();
// Card title row (heading font) with an optional muted line under it.
void card_title(std::string_view title, std::string_view subtitle = {});
float card_inner_width();

// [SECTION] Buttons
enum class ButtonKind { Primary, Secondary, Ghost, Danger };
// A button whose id and visible text are `label` (recorded for the test hook).
// `icon` is an optional Font Awesome glyph drawn before the text; `busy` shows a spinner.
bool button(const char* label, ButtonKind kind, ImVec2 size = ImVec2(0, 0),
            const char* icon = nullptr, bool busy = false, bool enabled = true);

// [SECTION] Fields
// A labelled single-line text field; the rectangle is recorded under `label`.
// Returns true when Enter was pressed in it.
bool text_field(const char* label, const char* id, char* buf, size_t buf_size, float width,
                std::string_view error, ImGuiInputTextFlags flags = 0, const char* hint = nullptr,
                bool focus = false);
void multiline_field(const char* label, const char* id, char* buf, size_t buf_size, float width,
                     float height, std::string_view error, const char* hint = nullptr);

// [SECTION] Decorations
void pill(ImVec2 pos, std::string_view text, ImU32 bg, ImU32 fg, ImVec2* size_out = nullptr);
ImVec2 pill_size(std::string_view text);
// A selectable filter chip at the cursor ("Demo  3"); returns true when clicked. `label` is its
// id and test-hook label and must outlive the frame; `count` < 0 shows no count.
bool chip(const char* label, std::string_view text, bool selected, int count = -1);
void spinner(ImVec2 center, float radius, ImU32 color, float thickness = 2.0f);
void icon_badge(ImVec2 center, float radius, const char* icon, ImU32 bg, ImU32 fg);
// A banner with an icon (errors, notices), as an ImGui item `width` wide.
void banner(std::string_view message, ImU32 bg, ImU32 border, ImU32 fg, float width);
// A card-shaped soft drop shadow behind [min,max].
void soft_shadow(ImDrawList* dl, ImVec2 min, ImVec2 max, float rounding, float strength = 1.0f);

struct StatTile {
  const char* label;
  std::string_view value;
  std::string_view caption;
  const char* icon;
  ImU32 icon_bg;
  ImU32 icon_fg;
};
void stat_tile(const StatTile& tile, ImVec2 pos, ImVec2 size);

// [SECTION] Filters
// Vendor staff's partner picker at the cursor: `none_label` ("All partners") or one of
// `partners`. `selected` holds the chosen organisation id ("" = `none_label`). Recorded for the
// test hook as "Partner filter", its choices as "partner:<name>". Draws nothing (and returns
// false) with fewer than two partners; returns true when the choice changed.
bool partner_filter(std::string& selected, const std::vector<RoomPartner>& partners,
                    float width = 220.0f, const char* none_label = "All partners");

// [SECTION] Modal forms
// The flags a modal form keeps between frames (each form's own struct holds them).
struct ModalFlags {
  bool& open;           // shown this frame
  bool& request_open;   // open on the next frame
  bool& request_close;  // close on the next frame (its command was acked)
  bool& focus_first;    // put the caret in the first field once, after opening
};
struct ModalLook {
  const char* id;  // the popup's ImGui id
  const char* title;
  const char* subtitle;
  float max_width = 600.0f;
  bool close_cross = true;  // a close cross in the title row
};
// Opens the modal when asked and draws its frame: centred and rounded, the title, subtitle and
// close cross, a hairline, and `error` (a refusal of no field) as a banner. Returns false when
// the modal is not shown: draw nothing more. Else the caller draws its fields `inner` wide,
// passes `focus` (true once after opening) to its first field, and calls modal_end.
bool modal_begin(const ModalLook& look, ModalFlags flags, bool busy, std::string_view error,
                 float& inner, bool& focus);
// The footer (Cancel and the submit button, right-aligned, `gap` below the fields); Esc closes
// unless busy; a requested close closes. Ends the popup. Returns true when the form is to be
// submitted: its button or `enter` (Enter in a field), and not busy. A question that destroys
// something passes ButtonKind::Danger for its button; a form with nothing to submit yet passes
// `can_submit` false (the button is drawn disabled).
bool modal_end(ModalFlags flags, const char* submit_label, float submit_width, bool busy,
               bool enter, const char* submit_icon = nullptr, float gap = 12.0f,
               ButtonKind submit_kind = ButtonKind::Primary, bool can_submit = true);
// The message of the first error for any of `fields`, or "".
std::string_view first_error(const std::vector<FieldError>& errors,
                             std::initializer_list<std::string_view> fields);

}  // namespace portal::client::ui
