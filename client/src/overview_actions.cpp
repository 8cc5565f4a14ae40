// The App's Overview actions (the vendor's "Post announcement" form) and deep links: the URL
// fragment names the room and the open item ("#/deals/d_123"), every new room or item is a
// history entry, and back/forward show what the URL names again.
#include <algorithm>

#include "app.h"
#include "browser.h"
#include "portal/rules/permissions.h"

namespace portal::client {
namespace {

// Ids the server makes are short visible ASCII; anything else in a URL is not an item of ours.
bool plausible_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
  });
}

}  // namespace

// [SECTION] Announcements

namespace {

// The form starts empty each time; the leaderboard tab stays as the user left it.
void reset_form(OverviewUi& ui) {
  const LeaderboardMetric board = ui.board;
  ui = OverviewUi();
  ui.board = board;
}

}  // namespace

void App::open_announcement_form() {
  reset_form(overview_);
  overview_.request_open = true;
  overview_.focus_first = true;
  mark_dirty();
}

void App::close_announcement_form() {
  overview_.request_open = false;
  overview_.request_close = true;
  mark_dirty();
}

void App::post_announcement() {
  if (!overview_.pending_id.empty()) return;
  overview_.error.clear();
  const AnnouncementDraft d{overview_.title, overview_.body, overview_.audience};
  overview_.errors = validate_announcement_draft(d);
  if (!overview_.errors.empty()) return;
  CommandFrame cmd{new_command_id(), std::string(kCmdAnnouncementPost), to_json(d)};
  overview_.pending_id = cmd.id;
  send_command(std::move(cmd));
}

void App::search_partners(PartnerSearchUi& search) {
  if (!search.pending.empty()) return;
  const std::string query(search.query);
  CommandFrame cmd{new_command_id(), std::string(kCmdPartnersSearch),
                   to_json(PartnerSearch{query, 8})};
  search.pending = cmd.id;
  search.searched = query;
  send_command(std::move(cmd));
}

namespace {

// The answer to one of the forms' partner searches; false when `a` is not it.
bool take_partners(PartnerSearchUi& search, const AckFrame& a) {
  if (a.id.empty() || a.id != search.pending) return false;
  search.pending.clear();
  search.results.clear();
  if (const Json* list =
          a.result.is_object() && a.result.contains("partners") ? &a.result["partners"] : nullptr;
      list && list->is_array()) {
    for (const Json& p : *list)
      if (p.is_object() && p.value("id", "") != "")
        search.results.push_back(RoomPartner{p.value("id", ""), p.value("name", "")});
  }
  return true;
}

}  // namespace

bool App::on_overview_ack(const AckFrame& a) {
  if (take_partners(overview_.audience_search, a) ||
      take_partners(messages_.new_message.partner_search, a)) {
    mark_dirty();
    return true;
  }
  if (a.id != overview_.pending_id || a.id.empty()) return false;
  // The announcement shows up through the room's event, like everyone else's.
  reset_form(overview_);
  overview_.request_close = true;
  show_toast("Announcement posted");
  return true;
}

bool App::on_overview_error(const std::string& id, const Error& err) {
  // A refused search lists nothing; the form says why.
  for (auto [search, error] :
       {std::pair{&overview_.audience_search, &overview_.error},
        std::pair{&messages_.new_message.partner_search, &messages_.new_message.error}})
    if (!id.empty() && id == search->pending) {
      search->pending.clear();
      search->results.clear();
      *error = err.message;
      mark_dirty();
      return true;
    }
  if (id != overview_.pending_id || id.empty()) return false;
  overview_.pending_id.clear();
  if (err.code == ErrorCode::Validation && !err.fields.empty())
    overview_.errors = err.fields;
  else
    overview_.error = err.message.empty() ? "The announcement could not be posted." : err.message;
  mark_dirty();
  return true;
}

// [SECTION] Deep links

void App::open_account(const std::string& account_id) {
  select_room("accounts");
  accounts_.selected = account_id;
  mark_dirty();
}

std::string App::route() const {
  if (room_ == "deals" && !pipeline_.selected_deal.empty())
    return room_ + "/" + pipeline_.selected_deal;
  if (room_ == "leads" && !pipeline_.selected_lead.empty())
    return room_ + "/" + pipeline_.selected_lead;
  if (room_ == "accounts" && !accounts_.selected.empty()) return room_ + "/" + accounts_.selected;
  return room_;
}

void App::open_route(const std::string& route) {
  const size_t slash = route.find('/');
  const std::string room = route.substr(0, slash);
  const std::string item = slash == std::string::npos ? std::string() : route.substr(slash + 1);
  if (!session_) return;
  const auto& rooms = session_->rooms;
  if (std::find(rooms.begin(), rooms.end(), room) == rooms.end()) return;
  select_room(room);
  // An id that cannot be ours still opens the room's "no access" state: the user asked for an
  // item and should hear that it is not there, not silently see the list.
  const std::string id = plausible_id(item) ? item : (item.empty() ? std::string() : "?");
  if (room == "deals") pipeline_.selected_deal = id;
  if (room == "leads") pipeline_.selected_lead = id;
  if (room == "accounts") accounts_.selected = id;
  mark_dirty();
}

void App::sync_location() {
  if (screen_ != Screen::App) return;
  const std::string now = route();
  if (now == shown_route_) return;
  shown_route_ = now;
  browser::push_route(now);
}

void App::on_history_moved() {
  if (screen_ != Screen::App) return;
  const std::string linked = browser::location_route();
  open_route(linked);
  // What we show is now what the URL says; an unknown room leaves both as they were.
  shown_route_ = route();
  if (shown_route_ != linked) browser::replace_route(shown_route_);
  mark_dirty();
}

}  // namespace portal::client
