// Shown from page load until the server answers (or, with a stored session, until it resumes).
#include <string>

#include "app.h"
#include "fonts.h"
#include "imgui.h"
#include "theme.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {

void connecting_screen(App& app) {
  const ImVec2 origin = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  const float cx = origin.x + size.x * 0.5f;
  const float cy = origin.y + size.y * 0.5f;
  logo_mark(cx - 24, cy - 90, 48);
  const char* name = "Partner Portal";
  ImVec2 ts = text_size(fonts().heading, name);
  text_at(fonts().heading, ImVec2(cx - ts.x * 0.5f, cy - 28), theme::kText, name);

  std::string line = app.connection_notice();
  const bool waiting = !line.empty();
  if (!waiting) line = "Connecting\xe2\x80\xa6";
  ImVec2 ls = text_size(fonts().body, line);
  float total = ls.x + 26;
  const ImVec2 mark(cx - total * 0.5f + 8, cy + 22);
  if (waiting) {
    // Waiting for the next attempt: a still marker, so a long outage costs no frames.
    ImGui::GetWindowDrawList()->AddCircleFilled(mark, 7, theme::rgb(0xF79009, 50), 24);
    ImGui::GetWindowDrawList()->AddCircleFilled(mark, 3.5f, theme::kWarning, 16);
  } else {
    spinner(mark, 7, theme::kAccent);
  }
  text_at(fonts().body, ImVec2(cx - total * 0.5f + 26, cy + 22 - ls.y * 0.5f), theme::kTextMuted,
          line);
}

}  // namespace portal::client::ui
