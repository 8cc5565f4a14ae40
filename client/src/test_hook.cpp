// The exported C API the browser tests call through Module.ccall:
//   pp_widget_rect(label) -> {"x","y","w","h"} in CSS px from the canvas' top-left, or ""
//   pp_state(name)        -> JSON ("screen", "room", "connection", "login_error", "user",
//                            "overview", "seq", "toast", "lead_form", "frames", "program",
//                            "program_summary", "program_form"); else "null"
//                            "overview", "seq", "toast", "lead_form", "frames", "route",
//                            "missing_item", "selected_deal", "announcement_form"); else "null"
//   pp_idle()             -> 1 when nothing is pending (frames, acks, snapshots, handshake)
// Returned strings stay valid until the next call of the same function.
#include "test_hook.h"

#include <emscripten.h>

#include <cstdio>
#include <deque>
#include <string>
#include <vector>

#include "app.h"
#include "portal/protocol/frames.h"
#include "portal/rooms/accounts.h"
#include "portal/rooms/deals.h"
#include "portal/rooms/leads.h"
#include "portal/rooms/overview.h"
#include "portal/rooms/program.h"
#include "portal/rooms/program_summary.h"

namespace portal::client::hook {
namespace {

struct Entry {
  std::string_view label;
  ImVec2 min;
  ImVec2 max;
};

App* g_app = nullptr;
// Two buffers swapped each frame; their capacity is kept, so a frame does not allocate.
std::vector<Entry> g_building;
std::vector<Entry> g_last;
std::string g_pasted;
// Storage of made-up labels, swapped with the rectangles. A deque never moves its strings, and
// reused slots keep their capacity, so a steady frame does not allocate.
std::deque<std::string> g_owned_building;
std::deque<std::string> g_owned_last;
size_t g_owned_used = 0;
// The label of the widget being edited (an active text field), so tests type only once the
// click has given it the keyboard.
std::string g_focus_building;
std::string g_focus_last;

void note_focus(std::string_view label) {
  if (ImGui::IsItemActive()) g_focus_building.assign(label);
}

}  // namespace

void attach(App* app) {
  g_app = app;
}

void record(std::string_view label) {
  record_rect(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  note_focus(label);
}

void record_rect(std::string_view label, ImVec2 min, ImVec2 max) {
  g_building.push_back(Entry{label, min, max});
}

void record_owned(std::string_view label) {
  if (g_owned_used == g_owned_building.size()) g_owned_building.emplace_back();
  std::string& slot = g_owned_building[g_owned_used++];
  slot.assign(label);
  record(slot);
}

void end_frame() {
  g_last.swap(g_building);
  g_building.clear();
  g_owned_last.swap(g_owned_building);
  g_owned_used = 0;
  g_focus_last.swap(g_focus_building);
  g_focus_building.clear();
}

const char* pasted_text() {
  return g_pasted.c_str();
}

}  // namespace portal::client::hook

namespace {

using portal::client::App;
using portal::client::LinkStatus;
using portal::client::Screen;

std::string state_json(const App& app, std::string_view name) {
  using portal::Json;
  if (name == "screen") {
    switch (app.screen()) {
      case Screen::Connecting:
        return "\"connecting\"";
      case Screen::Login:
        return "\"login\"";
      case Screen::Invite:
        return "\"invite\"";
      case Screen::App:
        return "\"app\"";
    }
  }
  if (name == "room") return Json(app.room()).dump();
  if (name == "connection") {
    switch (app.link_status()) {
      case LinkStatus::Online:
        return "\"online\"";
      case LinkStatus::Reconnecting:
        return "\"reconnecting\"";
      case LinkStatus::Offline:
        return "\"offline\"";
    }
  }
  if (name == "focused") return Json(portal::client::hook::g_focus_last).dump();
  if (name == "connection_notice") return Json(app.connection_notice()).dump();
  if (name == "login_error") {
    const auto& f = app.login_form();
    if (!f.error.empty() || f.field_errors.empty()) return Json(f.error).dump();
    return Json(f.field_errors.front().message).dump();
  }
  if (name == "user") return app.session() ? portal::to_json(app.session()->user).dump() : "null";
  if (name == "org") return app.session() ? portal::to_json(app.session()->org).dump() : "null";
  if (name == "rooms") return app.session() ? Json(app.session()->rooms).dump() : "null";
  if (name == "overview") {
    const portal::OverviewState* o = app.replica().overview();
    return o ? portal::to_json(*o).dump() : "null";
  }
  if (name == "seq") {
    Json j = Json::object();
    for (const auto& [room, r] : app.replica().rooms()) j[room] = r.seq;
    return j.dump();
  }
  if (name == "toast") return Json(app.last_toast()).dump();
  if (name == "lead_form") {
    const auto& f = app.lead_form();
    Json errors = Json::array();
    for (const auto& e : f.errors) errors.push_back({{"field", e.field}, {"message", e.message}});
    if (!f.error.empty()) errors.push_back({{"field", ""}, {"message", f.error}});
    return Json{{"open", f.open || f.request_open}, {"errors", errors}}.dump();
  }
  if (name == "frames") return std::to_string(app.frames_rendered());
  if (name == "leads") {
    const portal::LeadsState* l = app.replica().leads();
    return l ? portal::to_json(*l).dump() : "null";
  }
  if (name == "deals") {
    const portal::DealsState* d = app.replica().deals();
    return d ? portal::to_json(*d).dump() : "null";
  }
  if (name == "accounts") {
    // The table as the user sees it: rows in display order (filters and sort applied), the
    // totals, and the selection. Whole snapshots of 10,000 rows are not what tests compare.
    const portal::AccountsState* a = app.replica().accounts();
    if (!a) return "null";
    const auto& ui = app.accounts_ui();
    Json rows = Json::array();
    for (int i : ui.rows) {
      const portal::AccountRow& r = a->accounts[size_t(i)];
      Json tasks = Json::array();
      for (const auto& t : r.tasks)
        tasks.push_back({{"id", t.id}, {"title", std::string(portal::display_title(t))},
                         {"status", std::string(portal::to_string(t.status))}});
      rows.push_back({{"id", r.account.id}, {"name", r.account.name}, {"partner", r.partner},
                      {"savings_minor", r.metrics.savings_opportunity_minor},
                      {"lifetime_minor", r.metrics.lifetime_revenue_minor},
                      {"open_tasks", r.open_tasks}, {"tasks", tasks}});
      if (rows.size() >= 200) break;
    }
    const auto& t = a->totals;
    return Json{{"count", a->accounts.size()},
                {"shown", ui.rows.size()},
                {"rows", rows},
                {"sort", {{"column", ui.sort_column}, {"descending", ui.sort_descending}}},
                {"selected", ui.selected},
                {"totals",
                 {{"missing_cppos", t.missing_cppos},
                  {"net_missed_revenue_minor", t.net_missed_revenue_minor},
                  {"savings_opportunity_minor", t.savings_opportunity_minor},
                  {"lifetime_revenue_minor", t.lifetime_revenue_minor},
                  {"open_tasks", t.open_tasks}}}}
        .dump();
  }
  if (name == "account_form") {
    const auto& f = app.account_form();
    Json errors = Json::array();
    for (const auto& e : f.errors) errors.push_back({{"field", e.field}, {"message", e.message}});
    if (!f.error.empty()) errors.push_back({{"field", ""}, {"message", f.error}});
    return Json{{"open", f.open || f.request_open}, {"busy", !f.pending_id.empty()},
                {"errors", errors}}
        .dump();
  }
  if (name == "invitations") {
    // The Contacts room's Team & invitations: the list shown, the form and the revoke question.
    const auto& ui = app.invitations_ui();
    Json items = Json::array();
    for (const portal::OpenInvitation& i : ui.invitations) items.push_back(portal::to_json(i));
    Json errors = Json::array();
    for (const auto& e : ui.errors) errors.push_back({{"field", e.field}, {"message", e.message}});
    if (!ui.error.empty()) errors.push_back({{"field", ""}, {"message", ui.error}});
    return Json{{"may_invite", app.may_invite_here()},
                {"org_id", app.invitations_org()},
                {"loaded", ui.listed_org == app.invitations_org() && ui.list_pending.empty() &&
                               !ui.stale},
                {"items", std::move(items)},
                {"form", {{"open", ui.open || ui.request_open},
                          {"busy", !ui.pending_id.empty()},
                          {"errors", std::move(errors)}}},
                {"confirm_open", ui.confirm_open || ui.confirm_request_open}}
        .dump();
  }
  if (name == "program") {
    // The full program on screen: a partner's own, or the one vendor staff opened.
    const portal::ProgramState* p = app.shown_program();
    return p ? portal::to_json(*p).dump() : "null";
  }
  if (name == "program_summary") {
    // The vendor's one row per partner, as objects for the tests to read by name.
    const portal::ProgramSummaryState* s = app.replica().program_summary();
    if (!s) return "null";
    Json rows = Json::array();
    for (const auto& r : s->rows)
      rows.push_back({{"org_id", r.org_id}, {"name", r.name}, {"type", r.type},
                      {"level", r.level}, {"next_level", r.next_level},
                      {"overall_bp", r.overall_bp}, {"mdf_balance_minor", r.mdf_balance_minor}});
    return Json{{"rows", rows}, {"open", app.program_ui().partner}}.dump();
  }
  if (name == "program_form") {
    const auto& f = app.program_ui();
    Json errors = Json::array();
    for (const auto& e : f.errors) errors.push_back({{"field", e.field}, {"message", e.message}});
    if (!f.error.empty()) errors.push_back({{"field", ""}, {"message", f.error}});
    return Json{{"form", static_cast<int>(f.form)},
                {"partner", f.partner},
                {"pending", !f.pending.empty()},
                {"errors", errors}}
        .dump();
  }
  // The Overview's deep links and forms.
  if (name == "route") return Json(app.route()).dump();
  if (name == "unacked") return Json(app.unacked_ids()).dump();
  if (name == "missing_item") {
    // True while the Deals or Leads room shows "does not exist or you do not have access".
    const auto& ui = app.pipeline_ui();
    if (app.room() == "deals" && !ui.selected_deal.empty() && app.replica().deals())
      return find_deal(*app.replica().deals(), ui.selected_deal) ? "false" : "true";
    if (app.room() == "leads" && !ui.selected_lead.empty() && app.replica().leads())
      return find_lead(*app.replica().leads(), ui.selected_lead) ? "false" : "true";
    return "false";
  }
  if (name == "selected_deal") return Json(app.pipeline_ui().selected_deal).dump();
  if (name == "announcement_form") {
    const auto& f = app.overview_ui();
    Json errors = Json::array();
    for (const auto& e : f.errors) errors.push_back({{"field", e.field}, {"message", e.message}});
    if (!f.error.empty()) errors.push_back({{"field", ""}, {"message", f.error}});
    Json results = Json::array();
    for (const auto& p : f.audience_search.results) results.push_back(p.name);
    const auto& searched = f.audience_search.searched;
    return Json{{"open", f.open || f.request_open},
                {"errors", errors},
                {"audience", f.audience},
                {"searched", searched ? Json(*searched) : Json()},
                {"results", results}}
        .dump();
  }
  if (name == "messages" || name == "conversation" || name == "messages_ui" ||
      name == "attachments")
    return portal::client::messages_hook_state(app, name);
  if (name == "notifications") {
    Json out = Json::array();
    for (const auto& n : app.notifications()) out.push_back(n.text);
    return out.dump();
  }
  return "null";
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* pp_widget_rect(const char* label) {
  static std::string out;
  out.clear();
  if (!label) return out.c_str();
  std::string_view want(label);
  for (const auto& e : portal::client::hook::g_last) {
    if (e.label != want) continue;
    char buf[160];
    std::snprintf(buf, sizeof(buf), "{\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f}", e.min.x,
                  e.min.y, e.max.x - e.min.x, e.max.y - e.min.y);
    out = buf;
    break;
  }
  return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* pp_state(const char* name) {
  static std::string out;
  out = portal::client::hook::g_app && name ? state_json(*portal::client::hook::g_app, name)
                                            : std::string("null");
  return out.c_str();
}

EMSCRIPTEN_KEEPALIVE int pp_idle() {
  return portal::client::hook::g_app && portal::client::hook::g_app->idle() ? 1 : 0;
}

// Called by web/index.html's paste listener just before ImGui sees the Ctrl+V key.
EMSCRIPTEN_KEEPALIVE void pp_paste(const char* text) {
  portal::client::hook::g_pasted = text ? text : "";
  if (portal::client::hook::g_app) portal::client::hook::g_app->mark_dirty();
}

}  // extern "C"
