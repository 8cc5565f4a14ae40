// The "Submit a lead" modal: six fields, inline validation with portal::validate_lead, server
// field errors mapped back, Enter submits, Esc closes. Success closes it (App::on_ack).
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

constexpr ModalLook kLook{"Submit a lead", "Submit a lead",
                          "We check it against existing leads and accounts, then confirm the "
                          "registration.",
                          580.0f};

std::string_view error_for(const LeadForm& f, std::initializer_list<std::string_view> fields) {
  return first_error(f.errors, fields);
}

}  // namespace

void lead_form(App& app) {
  LeadForm& f = app.lead_form();
  const ModalFlags flags{f.open, f.request_open, f.request_close, f.focus_first};
  const bool busy = !f.pending_id.empty();
  float inner = 0;
  bool focus = false;
  if (!modal_begin(kLook, flags, busy, f.error, inner, focus)) return;
  const float half = std::floor((inner - 16) * 0.5f);

  const ImGuiInputTextFlags lock = busy ? ImGuiInputTextFlags_ReadOnly : 0;
  bool submit = false;
  submit |= text_field("Company", "##company", f.company, sizeof(f.company), inner,
                       error_for(f, {"company"}), lock, "Northwind Traders", focus);

  ImGui::Dummy(ImVec2(0, 2));
  ImGui::BeginGroup();
  submit |= text_field("Contact name", "##contact", f.contact, sizeof(f.contact), half,
                       error_for(f, {"contact", "contact_name"}), lock, "Jane Cooper");
  ImGui::EndGroup();
  ImGui::SameLine(0, 16);
  ImGui::BeginGroup();
  submit |= text_field("Contact e-mail", "##email", f.email, sizeof(f.email), half,
                       error_for(f, {"email", "contact_email"}), lock, "jane@northwind.example");
  ImGui::EndGroup();

  ImGui::Dummy(ImVec2(0, 2));
  ImGui::BeginGroup();
  submit |= text_field("Phone", "##phone", f.phone, sizeof(f.phone), half, error_for(f, {"phone"}),
                       lock, "+49 30 1234567");
  ImGui::EndGroup();
  ImGui::SameLine(0, 16);
  ImGui::BeginGroup();
  std::string value_hint = "e.g. 25,000";
  if (const OverviewState* o = app.replica().overview()) value_hint += " (" + o->currency + ")";
  submit |= text_field("Estimated value", "##value", f.value, sizeof(f.value), half,
                       error_for(f, {"value_minor", "value", "currency"}),
                       lock | ImGuiInputTextFlags_CharsNoBlank, value_hint.c_str());
  ImGui::EndGroup();

  ImGui::Dummy(ImVec2(0, 2));
  multiline_field("Notes", "##notes", f.notes, sizeof(f.notes), inner, 88, error_for(f, {"notes"}),
                  "What the customer needs, timing, who decides\xe2\x80\xa6");

  if (modal_end(flags, "Submit", 120, busy, submit)) app.submit_lead();
}

}  // namespace portal::client::ui
