// The invitation screen (#/invite/<token>): the log-in screen's card, saying which organisation
// the link is for and to which e-mail, with name and password fields. A used, expired or unknown
// link says so and offers the log-in instead.
#include <algorithm>
#include <cmath>
#include <string>

#include "app.h"
#include "browser.h"
#include "fonts.h"
#include "imgui.h"
#include "theme.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {
namespace {

std::string_view error_for(const std::vector<FieldError>& errors, std::string_view field) {
  for (const auto& e : errors)
    if (e.field == field) return e.message;
  return {};
}

float g_card_height = 520;  // measured on the previous frame, to centre the card

// A line of text centred in `width` at the cursor, wrapped when it is too long.
void centred(ImFont* font, ImU32 color, const std::string& s, float width) {
  ImVec2 size = text_size(font, s);
  if (size.x <= width) {
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - size.x) * 0.5f);
    text(font, color, s);
    return;
  }
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ImGui::TextWrapped("%s", s.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

}  // namespace

void invite_screen(App& app) {
  InviteForm& form = app.invite_form();
  const ImVec2 origin = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilledMultiColor(origin, ImVec2(origin.x + size.x, origin.y + 280),
                              theme::rgb(0xE0E7FF), theme::rgb(0xE0E7FF), theme::kPageBg,
                              theme::kPageBg);

  const float card_w = std::min(440.0f, size.x - 32);
  const float x = std::floor(origin.x + (size.x - card_w) * 0.5f);
  const float y = std::floor(origin.y + std::max(24.0f, (size.y - g_card_height) * 0.5f));
  ImGui::SetCursorScreenPos(ImVec2(x, y));

  card_begin(card_w);
  ImGui::Dummy(ImVec2(0, 12));
  const float inner = card_inner_width() - 16;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 8);
  ImGui::BeginGroup();
  {
    ImVec2 p = ImGui::GetCursorScreenPos();
    logo_mark(p.x + (inner - 44) * 0.5f, p.y, 44);
    ImGui::Dummy(ImVec2(inner, 56));
    const std::string title =
        form.org_name.empty() ? std::string("Partner Portal") : "Join " + form.org_name;
    centred(fonts().title, theme::kText, title, inner);

    if (form.stage == InviteForm::Stage::Loading) {
      centred(fonts().body, theme::kTextMuted, "Opening your invitation\xe2\x80\xa6", inner);
      ImGui::Dummy(ImVec2(0, 16));
      ImVec2 c = ImGui::GetCursorScreenPos();
      spinner(ImVec2(c.x + inner * 0.5f, c.y + 10), 9, theme::kAccent);
      request_animation();
      ImGui::Dummy(ImVec2(inner, 28));
    } else if (form.stage == InviteForm::Stage::Closed) {
      centred(fonts().body, theme::kTextMuted, "This invitation link cannot be used.", inner);
      ImGui::Dummy(ImVec2(0, 14));
      banner(form.error, theme::kDangerSoft, theme::kDangerBorder, theme::kDanger, inner);
      ImGui::Dummy(ImVec2(0, 10));
      if (button("Go to log-in", ButtonKind::Primary, ImVec2(inner, 42))) {
        browser::replace_route("");
        app.show_login();
      }
    } else {
      centred(fonts().body, theme::kTextMuted, "You were invited as " + form.email + ".", inner);
      centred(fonts().body, theme::kTextMuted, "Choose a password to log in.", inner);
      ImGui::Dummy(ImVec2(0, 14));
      if (!form.error.empty()) {
        banner(form.error, theme::kDangerSoft, theme::kDangerBorder, theme::kDanger, inner);
        ImGui::Dummy(ImVec2(0, 4));
      }
      bool submit = false;
      const ImGuiInputTextFlags lock = form.busy ? ImGuiInputTextFlags_ReadOnly : 0;
      submit |= text_field("Your name", "##invite_name", form.name, sizeof(form.name), inner,
                           error_for(form.field_errors, "name"), lock, "As your colleagues know you",
                           form.focus_name);
      form.focus_name = false;
      ImGui::Dummy(ImVec2(0, 4));
      submit |= text_field("Password", "##invite_password", form.password, sizeof(form.password),
                           inner, error_for(form.field_errors, "password"),
                           lock | ImGuiInputTextFlags_Password, "At least 8 characters");
      ImGui::Dummy(ImVec2(0, 4));
      submit |= text_field("Repeat password", "##invite_repeat", form.repeat, sizeof(form.repeat),
                           inner, error_for(form.field_errors, "repeat"),
                           lock | ImGuiInputTextFlags_Password, "The same password again");
      if (std::string_view t = error_for(form.field_errors, "token"); !t.empty()) {
        ImGui::Dummy(ImVec2(0, 4));
        banner(t, theme::kDangerSoft, theme::kDangerBorder, theme::kDanger, inner);
      }
      ImGui::Dummy(ImVec2(0, 10));
      submit |= button("Set password and log in", ButtonKind::Primary, ImVec2(inner, 42), nullptr,
                       form.busy);
      if (submit) app.submit_invite();
    }
  }
  ImGui::EndGroup();
  ImGui::Dummy(ImVec2(0, 8));
  card_end();
  const float measured = ImGui::GetItemRectSize().y;
  if (measured != g_card_height) {
    g_card_height = measured;
    app.mark_dirty(2);
  }
}

}  // namespace portal::client::ui
