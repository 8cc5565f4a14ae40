// A form's partner, chosen by typing its name (partners.search over the whole program): the
// chosen partner and the matches as chips, then the search field. Used by the announcement's
// audience and the new channel's partner.
#include <algorithm>
#include <deque>
#include <string>

#include "app.h"
#include "fonts.h"
#include "imgui.h"
#include "theme.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {
namespace {

// Chip labels, kept for the page's life: the test hook and ImGui ids need them to outlive the
// frame. One per partner shown, so the store stays small.
const char* chip_label(const char* prefix, const std::string& name) {
  static std::deque<std::string> labels;
  const std::string want = prefix + name;
  for (const std::string& l : labels)
    if (l == want) return l.c_str();
  labels.push_back(want);
  return labels.back().c_str();
}

}  // namespace

void partner_picker(App& app, PartnerSearchUi& search, Id& chosen, std::string& chosen_name,
                    float inner, bool busy, const char* prefix, const char* field_id,
                    bool after_chip) {
  const float right = ImGui::GetCursorScreenPos().x + inner;
  bool first = !after_chip;
  auto chip_for = [&](const Id& id, const std::string& name) {
    const float w = text_size(fonts().small_strong, name).x + 24;
    if (!first && ImGui::GetItemRectMax().x + 8 + w < right) ImGui::SameLine(0, 8);
    first = false;
    ImGui::PushID(id.c_str());
    if (chip(chip_label(prefix, name), name, chosen == id) && !busy) {
      chosen = id;
      chosen_name = name;
    }
    ImGui::PopID();
  };
  const bool chosen_listed = std::any_of(search.results.begin(), search.results.end(),
                                         [&](const RoomPartner& p) { return p.org_id == chosen; });
  if (!chosen.empty() && !chosen_listed && !chosen_name.empty()) chip_for(chosen, chosen_name);
  for (const RoomPartner& p : search.results) chip_for(p.org_id, p.name);
  if (search.searched && search.pending.empty() && search.results.empty())
    text(fonts().small, theme::kTextMuted, "No partner matches \"" + *search.searched + "\".");

  ImGui::Dummy(ImVec2(0, 2));
  text_field("Find a partner", field_id, search.query, sizeof(search.query), inner, {},
             busy ? ImGuiInputTextFlags_ReadOnly : 0, "Type a partner's name");
  // Ask again whenever the text differs from what the results answer (one question at a time).
  if (!search.searched || *search.searched != search.query) app.search_partners(search);
}

}  // namespace portal::client::ui
