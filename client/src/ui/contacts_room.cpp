// The Contacts room. Its directory of both teams is not built yet (the designed "coming soon"
// card); those who may invite people (the shared may_invite) also get "Team & invitations": the
// organisation's open invitations with a Revoke each, and the "Invite someone" modal. Vendor
// admins pick whose invitations they see: their own team's or a partner's.
// Index:
// [SECTION] Team & invitations
// [SECTION] Room
// [SECTION] Invite form
// [SECTION] Revoke question
#include <emscripten.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app.h"
#include "fonts.h"
#include "icons.h"
#include "imgui.h"
#include "portal/model/program.h"
#include "portal/rooms/deals.h"
#include "test_hook.h"
#include "theme.h"
#include "ui/format.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {
namespace {

constexpr float kHeadHeight = 36;
constexpr float kRowHeight = 56;

// [SECTION] Team & invitations

// "in 6 days", "in 5 hours": how long a link still works, by the browser's clock.
std::string expires_in(UnixTime expires_at) {
  const int64_t left = expires_at - static_cast<UnixTime>(emscripten_date_now() / 1000);
  char buf[32];
  if (left >= 2 * 86400)
    std::snprintf(buf, sizeof(buf), "in %lld days", static_cast<long long>(left / 86400));
  else if (left >= 2 * 3600)
    std::snprintf(buf, sizeof(buf), "in %lld hours", static_cast<long long>(left / 3600));
  else
    std::snprintf(buf, sizeof(buf), "within the hour");
  return buf;
}

void role_pill(ImVec2 pos, Role role) {
  const bool admin = role == Role::PartnerAdmin || role == Role::VendorAdmin;
  pill(pos, role_label(role), admin ? theme::kAccentSoft : theme::kNeutralSoft,
       admin ? theme::kAccentText : theme::kNeutralText);
}

// The card's title row: what the list is, whose it is, the vendor admin's organisation picker
// and the "Invite someone" button on the right.
void invitations_header(App& app, float inner) {
  const ImVec2 top = ImGui::GetCursorScreenPos();
  text(fonts().heading, theme::kText, "Open invitations");
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  static std::string sub;  // reused: a steady frame does not allocate
  sub.assign("People invited to ")
      .append(app.invitations_org_name())
      .append(" who have not set their password yet. Each link works for ")
      .append(std::to_string(kInvitationLifetime / kSecondsPerDay))
      .append(" days.");
  text(fonts().small, theme::kTextMuted, sub);
  const ImVec2 after = ImGui::GetCursorScreenPos();

  const float bw = 176;
  ImGui::SetCursorScreenPos(ImVec2(top.x + inner - bw, top.y + 2));
  if (button("Invite someone", ButtonKind::Primary, ImVec2(bw, 40), icon::kUserPlus))
    app.open_invite_form();
  if (app.is_vendor()) {
    if (const DealsState* d = app.replica().deals()) {
      // The vendor's own team or one partner: "" is the vendor admin's own organisation.
      static std::string own_label, chosen;  // reused: a steady frame does not allocate
      own_label.assign(app.session()->org.name).append(" (your team)");
      chosen.assign(app.invitations_ui().org_id);
      ImGui::SetCursorScreenPos(ImVec2(top.x + inner - bw - 12 - 240, top.y + 7));
      if (partner_filter(chosen, d->partners, 240, own_label.c_str()))
        app.show_invitations_of(chosen);
    }
  }
  ImGui::SetCursorScreenPos(after);
  ImGui::Dummy(ImVec2(inner, 10));
}

void empty_state(float inner) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float cx = std::floor(p.x + inner * 0.5f), cy = p.y + 52;
  dl->AddCircleFilled(ImVec2(cx, cy), 30, theme::kAccentSoft, 48);
  const ImVec2 gs = text_size(fonts().heading, icon::kEnvelope);
  text_at(fonts().heading, ImVec2(cx - gs.x * 0.5f, cy - gs.y * 0.5f), theme::kAccent,
          icon::kEnvelope);
  const char* head = "No open invitations";
  const ImVec2 hs = text_size(fonts().body_strong, head);
  text_at(fonts().body_strong, ImVec2(cx - hs.x * 0.5f, cy + 46), theme::kText, head);
  const char* body = "Invite a colleague: they get an e-mail with a link to set their password.";
  const ImVec2 bs = text_size(fonts().small, body);
  text_at(fonts().small, ImVec2(cx - bs.x * 0.5f, cy + 70), theme::kTextMuted, body);
  ImGui::Dummy(ImVec2(inner, 150));
}

void invitations_table(App& app, float inner) {
  InvitationsUi& ui = app.invitations_ui();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float bleed = theme::kCardPadding;
  // Columns as shares of the card: the person, the role, when invited, when the link expires,
  // and the Revoke button at the right edge.
  const float x_person = p.x, x_role = p.x + inner * 0.42f, x_invited = p.x + inner * 0.60f,
              x_expires = p.x + inner * 0.75f;
  const float revoke_w = 96;

  dl->AddRectFilled(ImVec2(p.x - bleed, p.y), ImVec2(p.x + inner + bleed, p.y + kHeadHeight),
                    theme::rgb(0xF9FAFB));
  dl->AddLine(ImVec2(p.x - bleed, p.y - 0.5f), ImVec2(p.x + inner + bleed, p.y - 0.5f),
              theme::kCardBorder);
  dl->AddLine(ImVec2(p.x - bleed, p.y + kHeadHeight - 0.5f),
              ImVec2(p.x + inner + bleed, p.y + kHeadHeight - 0.5f), theme::kCardBorder);
  ImFont* hf = fonts().small_strong;
  const float hy = p.y + (kHeadHeight - font_px(hf)) * 0.5f - 1;
  text_at(hf, ImVec2(x_person, hy), theme::kTextMuted, "Person");
  text_at(hf, ImVec2(x_role, hy), theme::kTextMuted, "Role");
  text_at(hf, ImVec2(x_invited, hy), theme::kTextMuted, "Invited");
  text_at(hf, ImVec2(x_expires, hy), theme::kTextMuted, "Link expires");
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + kHeadHeight));

  if (!ui.list_error.empty()) {
    ImGui::Dummy(ImVec2(0, 12));
    banner(ui.list_error, theme::kDangerSoft, theme::kDangerBorder, theme::kDanger, inner);
    ImGui::Dummy(ImVec2(0, 4));
    return;
  }
  if (ui.invitations.empty()) {
    if (!ui.list_pending.empty()) {
      const ImVec2 c = ImGui::GetCursorScreenPos();
      spinner(ImVec2(c.x + inner * 0.5f, c.y + 48), 12, theme::kAccent, 2.5f);
      ImGui::Dummy(ImVec2(inner, 96));
    } else {
      empty_state(inner);
    }
    return;
  }

  static std::string label;  // reused: a steady frame does not allocate
  const bool revoking = !ui.revoke_pending.empty();
  for (size_t i = 0; i < ui.invitations.size(); ++i) {
    const OpenInvitation& inv = ui.invitations[i];
    const ImVec2 rp = ImGui::GetCursorScreenPos();
    if (i > 0)
      dl->AddLine(ImVec2(rp.x - bleed, rp.y), ImVec2(rp.x + inner + bleed, rp.y), theme::kDivider);
    // Name over e-mail, with the initials' circle before them.
    const ImVec2 c(x_person + 18, rp.y + kRowHeight * 0.5f);
    dl->AddCircleFilled(c, 18, theme::kNeutralSoft, 32);
    const ImVec2 es = text_size(fonts().small, icon::kEnvelope);
    text_at(fonts().small, ImVec2(c.x - es.x * 0.5f, c.y - es.y * 0.5f), theme::kTextMuted,
            icon::kEnvelope);
    ImGui::PushClipRect(ImVec2(x_person, rp.y), ImVec2(x_role - 12, rp.y + kRowHeight), true);
    text_at(fonts().body_strong, ImVec2(x_person + 48, rp.y + 9), theme::kText, inv.name);
    text_at(fonts().small, ImVec2(x_person + 48, rp.y + 30), theme::kTextMuted, inv.email);
    ImGui::PopClipRect();
    role_pill(ImVec2(x_role, rp.y + (kRowHeight - 22) * 0.5f), inv.role);
    const float ty = rp.y + (kRowHeight - font_px(fonts().body)) * 0.5f - 1;
    text_at(fonts().body, ImVec2(x_invited, ty), theme::kTextSecondary, format_date(inv.created_at));
    text_at(fonts().body, ImVec2(x_expires, rp.y + 9), theme::kTextSecondary,
            format_date(inv.expires_at));
    text_at(fonts().small, ImVec2(x_expires, rp.y + 30), theme::kTextMuted,
            expires_in(inv.expires_at));

    ImGui::SetCursorScreenPos(ImVec2(p.x + inner - revoke_w, rp.y + (kRowHeight - 34) * 0.5f));
    ImGui::PushID(inv.id.c_str());
    const bool busy = revoking && ui.confirming.id == inv.id;
    if (button("Revoke", ButtonKind::Secondary, ImVec2(revoke_w, 34), nullptr, busy, !revoking))
      app.ask_revoke(inv);
    ImGui::PopID();
    label.assign("revoke:").append(inv.email);
    hook::record_owned(label);
    ImGui::SetCursorScreenPos(ImVec2(rp.x, rp.y + kRowHeight));
  }
  ImGui::Dummy(ImVec2(inner, 2));
}

void team_tab(App& app, float width) {
  app.refresh_invitations();
  card_begin(width);
  const float inner = card_inner_width();
  invitations_header(app, inner);
  invitations_table(app, inner);
  card_end();
}

}  // namespace

// [SECTION] Room

void contacts_room(App& app) {
  const float width = ImGui::GetContentRegionAvail().x;
  text(fonts().title, theme::kText, room_title("contacts"));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  text(fonts().body, theme::kTextMuted, "Both teams, and who to reach for what");
  ImGui::Dummy(ImVec2(0, 8));

  InvitationsUi& ui = app.invitations_ui();
  if (!app.may_invite_here()) {
    ImGui::Dummy(ImVec2(0, 4));
    coming_soon_card("contacts", width);
    return;
  }
  if (chip("Directory", "Directory", !ui.team_tab)) ui.team_tab = false;
  ImGui::SameLine(0, 8);
  if (chip("Team & invitations", "Team & invitations", ui.team_tab,
           ui.listed_org == app.invitations_org() ? int(ui.invitations.size()) : -1))
    ui.team_tab = true;
  ImGui::Dummy(ImVec2(0, 6));
  if (ui.team_tab)
    team_tab(app, width);
  else
    coming_soon_card("contacts", width);
}

// [SECTION] Invite form

void invite_form(App& app) {
  InvitationsUi& f = app.invitations_ui();
  static std::string subtitle;
  if (f.request_open)
    subtitle = "Into " + app.invitations_org_name() +
               ". They get an e-mail with a link to set their password.";
  const ModalLook look{"Invite someone", "Invite someone", subtitle.c_str(), 560.0f};
  const ModalFlags flags{f.open, f.request_open, f.request_close, f.focus_first};
  const bool busy = !f.pending_id.empty();
  float inner = 0;
  bool focus = false;
  if (!modal_begin(look, flags, busy, f.error, inner, focus)) return;
  const float half = std::floor((inner - 16) * 0.5f);
  const ImGuiInputTextFlags lock = busy ? ImGuiInputTextFlags_ReadOnly : 0;
  bool submit = false;

  ImGui::BeginGroup();
  submit |= text_field("Name", "##invite-name", f.name, sizeof(f.name), half,
                       first_error(f.errors, {"name"}), lock, "Jane Cooper", focus);
  ImGui::EndGroup();
  ImGui::SameLine(0, 16);
  ImGui::BeginGroup();
  submit |= text_field("E-mail", "##invite-email", f.email, sizeof(f.email), half,
                       first_error(f.errors, {"email"}), lock | ImGuiInputTextFlags_CharsNoBlank,
                       "jane@company.example");
  ImGui::EndGroup();

  // The roles this organisation's people can have (the shared rule), as a select.
  ImGui::Dummy(ImVec2(0, 2));
  ImGui::BeginGroup();
  text(fonts().small_strong, theme::kNeutralText, "Role");
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 2);
  const std::string_view role_error = first_error(f.errors, {"role", "org_id"});
  ImGui::SetNextItemWidth(half);
  ImGui::PushStyleColor(ImGuiCol_Border, role_error.empty() ? theme::kInputBorder : theme::kDanger);
  const std::string current(role_label(f.role));
  if (ImGui::BeginCombo("##invite-role", current.c_str())) {
    for (Role r : invitable_roles(app.invitations_org_kind())) {
      const std::string_view name = role_label(r);
      if (ImGui::Selectable(std::string(name).c_str(), r == f.role) && !busy) f.role = r;
      hook::record(name);
    }
    ImGui::EndCombo();
  }
  ImGui::PopStyleColor();
  hook::record("Role");
  if (!role_error.empty()) text(fonts().small, theme::kDanger, role_error);
  ImGui::EndGroup();
  ImGui::SameLine(0, 16);
  ImGui::BeginGroup();
  ImGui::Dummy(ImVec2(0, 24));
  const char* what = f.role == Role::PartnerAdmin || f.role == Role::VendorAdmin
                         ? "Can also invite people and manage the team."
                     : f.role == Role::PartnerManager ? "Works the partners' leads, deals and program."
                     : f.role == Role::SupportStaff   ? "Answers partners in the live support rooms."
                                                      : "Submits leads and follows deals and accounts.";
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + half);
  ImGui::PushFont(fonts().small);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextMuted);
  ImGui::TextUnformatted(what);
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();

  if (modal_end(flags, "Send invitation", 170, busy, submit, icon::kEnvelope, 14))
    app.submit_invitation();
}

// [SECTION] Revoke question

void revoke_confirm(App& app) {
  InvitationsUi& ui = app.invitations_ui();
  static std::string subtitle;
  if (ui.confirm_request_open)
    subtitle = "The link sent to " + ui.confirming.email + " stops working at once.";
  const ModalLook look{"Revoke this invitation?", "Revoke this invitation?", subtitle.c_str(),
                       480.0f};
  const ModalFlags flags{ui.confirm_open, ui.confirm_request_open, ui.confirm_request_close,
                         ui.confirm_focus};
  const bool busy = !ui.revoke_pending.empty();
  float inner = 0;
  bool focus = false;
  if (!modal_begin(look, flags, busy, {}, inner, focus)) return;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
  ImGui::PushFont(fonts().body);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextSecondary);
  const std::string body = ui.confirming.name + " (" + std::string(role_label(ui.confirming.role)) +
                           ") will not be able to join with it, and the licence seat it held is "
                           "free again. You can invite them again later.";
  ImGui::TextUnformatted(body.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  if (modal_end(flags, "Revoke invitation", 170, busy, false, nullptr, 16, ButtonKind::Danger))
    app.revoke_invitation();
}

}  // namespace portal::client::ui
