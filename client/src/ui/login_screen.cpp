// The log-in screen: a centred card with e-mail and password, errors in place, a busy state,
// and the demo hint under it.
#include <algorithm>
#include <string>

#include "app.h"
#include "fonts.h"
#include "icons.h"
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

float g_card_height = 460;  // measured on the previous frame, to centre the card

}  // namespace

void login_screen(App& app) {
  LoginForm& form = app.login_form();
  const ImVec2 origin = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();

  // A quiet indigo wash at the top of the page.
  dl->AddRectFilledMultiColor(origin, ImVec2(origin.x + size.x, origin.y + 280),
                              theme::rgb(0xE0E7FF), theme::rgb(0xE0E7FF), theme::kPageBg,
                              theme::kPageBg);

  const float card_w = std::min(420.0f, size.x - 32);
  const float hint_h = 40;
  const float x = std::floor(origin.x + (size.x - card_w) * 0.5f);
  const float y = std::floor(origin.y + std::max(24.0f, (size.y - g_card_height - hint_h) * 0.5f));
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
    const char* title = "Partner Portal";
    ImVec2 ts = text_size(fonts().title, title);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (inner - ts.x) * 0.5f);
    text(fonts().title, theme::kText, title);
    const char* sub = "Log in to follow your leads, deals and commissions.";
    ImVec2 ss = text_size(fonts().body, sub);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (inner - ss.x) * 0.5f));
    text(fonts().body, theme::kTextMuted, sub);
    ImGui::Dummy(ImVec2(0, 14));

    if (const std::string msg = app.connection_notice(); !msg.empty()) {
      banner(msg, theme::kWarningSoft, theme::rgb(0xFEDF89), theme::kWarningText, inner);
      ImGui::Dummy(ImVec2(0, 4));
    } else if (form.error == kSessionEndedMessage) {
      banner(form.error, theme::kInfoSoft, theme::rgb(0xB2DDFF), theme::kInfoText, inner);
      ImGui::Dummy(ImVec2(0, 4));
    } else if (!form.error.empty()) {
      banner(form.error, theme::kDangerSoft, theme::kDangerBorder, theme::kDanger, inner);
      ImGui::Dummy(ImVec2(0, 4));
    }

    bool submit = false;
    const ImGuiInputTextFlags lock = form.busy ? ImGuiInputTextFlags_ReadOnly : 0;
    submit |= text_field("E-mail", "##email", form.email, sizeof(form.email), inner,
                         error_for(form.field_errors, "email"), lock, "name@company.com",
                         form.focus_email);
    form.focus_email = false;
    ImGui::Dummy(ImVec2(0, 4));
    submit |= text_field("Password", "##password", form.password, sizeof(form.password), inner,
                         error_for(form.field_errors, "password"),
                         lock | ImGuiInputTextFlags_Password, "Your password");
    ImGui::Dummy(ImVec2(0, 10));
    submit |= button("Log in", ButtonKind::Primary, ImVec2(inner, 42), nullptr, form.busy);
    if (submit) app.submit_login();
  }
  ImGui::EndGroup();
  ImGui::Dummy(ImVec2(0, 8));
  card_end();
  float measured = ImGui::GetItemRectSize().y;
  if (measured != g_card_height) {
    g_card_height = measured;
    app.mark_dirty(2);
  }

  const char* hint = "Demo: dana.fischer@acme.example \xc2\xb7 portal-demo-2026";
  ImVec2 hs = text_size(fonts().small, hint);
  text_at(fonts().small,
          ImVec2(std::floor(origin.x + (size.x - hs.x) * 0.5f), y + g_card_height + 18),
          theme::kTextMuted, hint);
}

}  // namespace portal::client::ui
