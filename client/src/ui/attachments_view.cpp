#include "ui/attachments_view.h"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "app.h"
#include "fonts.h"
#include "icons.h"
#include "test_hook.h"
#include "theme.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {
namespace {

using icon::kDownload;
using icon::kFileIcon;
using icon::kPaperclip;
constexpr const char* kImageIcon = icon::kImage;
constexpr const char* kTimesIcon = icon::kTimes;
constexpr float kStripHeight = 58;    // one row of chips
constexpr float kProblemHeight = 22;  // the line saying why the files cannot be sent
constexpr float kChipWidth = 232;
constexpr float kThumbMaxW = 280;
constexpr float kThumbMaxH = 200;

std::string fit_text(ImFont* f, const std::string& s, float width) {
  if (text_size(f, s).x <= width) return s;
  std::string out = s;
  while (!out.empty() && text_size(f, out + "\xe2\x80\xa6").x > width) {
    out.pop_back();
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  }
  return out + "\xe2\x80\xa6";
}

bool is_image(const std::string& content_type) { return content_type.starts_with("image/"); }

}  // namespace

void attachments_frame(App& app) {
  static std::string token;
  if (app.session() && app.session()->token != token) {
    token = app.session()->token;
    attachments::set_token(token);
  }
  if (attachments::sync(app.messages_ui().attachments)) request_animation();
}

// How many chips fit in a row of the strip, `width` wide.
size_t chips_per_row(float width) {
  return std::max<size_t>(1, static_cast<size_t>((width - 24 + 8) / (kChipWidth + 8)));
}

float attachments_strip_height(const AttachmentsUi& ui, float width) {
  if (ui.pending.empty()) return 0.0f;
  const size_t rows = (ui.pending.size() + chips_per_row(width) - 1) / chips_per_row(width);
  return static_cast<float>(rows) * kStripHeight +
         (attachments::problem(ui).empty() ? 0.0f : kProblemHeight);
}

bool attachments_ready(const AttachmentsUi& ui) {
  if (!attachments::problem(ui).empty()) return false;
  bool any = false;
  for (const PendingUpload& p : ui.pending) {
    if (p.status == UploadStatus::Uploading) return false;
    if (p.status == UploadStatus::Done) any = true;
  }
  return any;
}

void attach_button() {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 size(44, 44);
  const bool clicked = ImGui::InvisibleButton("##attach", size);
  hook::record("Attach file");
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::SetTooltip("Attach files (or drop them here)");
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y),
                    hovered ? theme::kNeutralSoft : theme::kCardBg, theme::kControlRounding);
  dl->AddRect(p, ImVec2(p.x + size.x, p.y + size.y), theme::kInputBorder, theme::kControlRounding);
  const ImVec2 ts = text_size(fonts().body, kPaperclip);
  text_at(fonts().body, ImVec2(p.x + (size.x - ts.x) * 0.5f, p.y + (size.y - ts.y) * 0.5f),
          hovered ? theme::kAccent : theme::kTextSecondary, kPaperclip);
  if (clicked) attachments::pick_files();
}

void attachments_strip(AttachmentsUi& ui, float width) {
  if (ui.pending.empty()) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const std::string problem = attachments::problem(ui);
  // Rows of chips, as many as the files need: every file shows and can be removed.
  const size_t per_row = chips_per_row(width);
  int remove_slot = 0;
  for (size_t i = 0; i < ui.pending.size(); ++i) {
    const PendingUpload& p = ui.pending[i];
    const float x = origin.x + 16 + static_cast<float>(i % per_row) * (kChipWidth + 8);
    const float y = origin.y + static_cast<float>(i / per_row) * kStripHeight;
    const ImVec2 mn(x, y + 4), mx(x + kChipWidth, y + kStripHeight - 6);
    const bool failed = p.status == UploadStatus::Failed;
    dl->AddRectFilled(mn, mx, failed ? theme::kDangerSoft : theme::kCardBg, 8);
    dl->AddRect(mn, mx, failed ? theme::kDangerBorder : theme::kCardBorder, 8);
    const char* icon = is_image(p.content_type) ? kImageIcon : kFileIcon;
    icon_badge(ImVec2(mn.x + 20, mn.y + 24), 14, icon, failed ? theme::kDangerSoft : theme::kAccentSoft,
               failed ? theme::kDanger : theme::kAccent);
    const float tx = mn.x + 42;
    const float tw = kChipWidth - 42 - 30;
    text_at(fonts().small_strong, ImVec2(tx, mn.y + 6), theme::kText,
            fit_text(fonts().small_strong, p.name, tw));
    if (failed) {
      text_at(fonts().small, ImVec2(tx, mn.y + 25), theme::kDanger,
              fit_text(fonts().small, p.error, tw));
    } else if (p.status == UploadStatus::Uploading) {
      // The progress bar: sent of size, with the percentage.
      const float frac = p.size > 0 ? std::clamp(static_cast<float>(p.sent) / p.size, 0.0f, 1.0f)
                                    : 0.0f;
      const ImVec2 bmin(tx, mn.y + 31), bmax(tx + tw - 40, mn.y + 36);
      dl->AddRectFilled(bmin, bmax, theme::kNeutralSoft, 3);
      dl->AddRectFilled(bmin, ImVec2(bmin.x + (bmax.x - bmin.x) * frac, bmax.y), theme::kAccent, 3);
      char pct[8];
      std::snprintf(pct, sizeof pct, "%d%%", static_cast<int>(frac * 100.0f + 0.5f));
      text_at(fonts().small, ImVec2(bmax.x + 8, mn.y + 25), theme::kTextMuted, pct);
      hook::record_rect("Upload progress", bmin, bmax);
    } else {
      text_at(fonts().small, ImVec2(tx, mn.y + 25), theme::kTextMuted,
              file_size_label(p.size) + "  \xc2\xb7  Ready");
    }
    ImGui::SetCursorScreenPos(ImVec2(mx.x - 26, mn.y + 6));
    ImGui::PushID(p.slot);
    const bool remove = ImGui::InvisibleButton("##remove", ImVec2(20, 20));
    hook::record_owned("Remove " + p.name);
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    text_at(fonts().small, ImVec2(mx.x - 21, mn.y + 8), hovered ? theme::kText : theme::kTextFaint,
            kTimesIcon);
    if (remove) remove_slot = p.slot;
    hook::record_rect("Attachment chip", mn, mx);
  }
  const float height = attachments_strip_height(ui, width);
  if (!problem.empty()) {
    text_at(fonts().small_strong, ImVec2(origin.x + 18, origin.y + height - kProblemHeight + 2),
            theme::kDanger, problem);
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(width, height));
  if (remove_slot != 0) attachments::remove(ui, remove_slot);
}

void message_attachments(const Message& m, float width) {
  const float left = ImGui::GetCursorPosX();
  ImGui::Dummy(ImVec2(0, 2));
  for (const AttachmentInfo& a : m.attachments) {
    ImGui::PushID(a.id.c_str());
    ImGui::SetCursorPosX(left);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    int w = 0, h = 0;
    bool failed = false;
    const unsigned tex = is_image(a.content_type) ? attachments::image_texture(a.id, w, h, failed) : 0;
    if (tex != 0 && w > 0 && h > 0) {
      const float scale = std::min({1.0f, kThumbMaxW / w, kThumbMaxH / h});
      const ImVec2 size(std::max(24.0f, w * scale), std::max(24.0f, h * scale));
      const bool clicked = ImGui::InvisibleButton("##image", size);
      hook::record_owned("image:" + a.name);
      if (ImGui::IsItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::SetTooltip("%s  \xc2\xb7  %s  \xc2\xb7  click to download", a.name.c_str(),
                          file_size_label(a.size_bytes).c_str());
      }
      dl->AddImageRounded(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex)), p,
                          ImVec2(p.x + size.x, p.y + size.y), ImVec2(0, 0), ImVec2(1, 1),
                          IM_COL32_WHITE, 8);
      dl->AddRect(p, ImVec2(p.x + size.x, p.y + size.y), theme::kCardBorder, 8);
      if (clicked) attachments::download(a.id, a.name);
      // Drawn at its real size for the first time: the list grew, so one more frame lets the
      // conversation keep a reader at the bottom (messages_room.cpp).
      static std::unordered_set<std::string> drawn;
      if (drawn.insert(a.id).second) request_animation();
    } else if (is_image(a.content_type) && !failed) {
      // Loading: a placeholder of thumbnail size with a spinner, so the list does not jump.
      const ImVec2 size(kThumbMaxW * 0.6f, kThumbMaxH * 0.6f);
      ImGui::Dummy(size);
      dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), theme::kNeutralSoft, 8);
      spinner(ImVec2(p.x + size.x * 0.5f, p.y + size.y * 0.5f), 8, theme::kAccent);
      request_animation();
    } else {
      const float chip_w = std::min(width, 300.0f);
      const ImVec2 size(chip_w, 52);
      const bool clicked = ImGui::InvisibleButton("##file", size);
      hook::record_owned("file:" + a.name);
      const bool hovered = ImGui::IsItemHovered();
      if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y),
                        hovered ? theme::rgb(0xF9FAFB) : theme::kCardBg, 8);
      dl->AddRect(p, ImVec2(p.x + size.x, p.y + size.y), theme::kCardBorder, 8);
      icon_badge(ImVec2(p.x + 26, p.y + 26), 16, kFileIcon, theme::kAccentSoft, theme::kAccent);
      text_at(fonts().small_strong, ImVec2(p.x + 52, p.y + 8), theme::kText,
              fit_text(fonts().small_strong, a.name, chip_w - 52 - 40));
      text_at(fonts().small, ImVec2(p.x + 52, p.y + 27), theme::kTextMuted,
              file_size_label(a.size_bytes));
      text_at(fonts().body, ImVec2(p.x + chip_w - 32, p.y + 17),
              hovered ? theme::kAccent : theme::kTextMuted, kDownload);
      if (clicked) attachments::download(a.id, a.name);
    }
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::PopID();
  }
}

}  // namespace portal::client::ui
