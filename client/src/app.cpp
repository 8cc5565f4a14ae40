// Index:
// [SECTION] Token storage
// [SECTION] Frame pacing
// [SECTION] Actions
// [SECTION] Connection events
// [SECTION] Frames from the server
#include "app.h"

#include <emscripten.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "browser.h"
#include "portal/protocol/pipeline_commands.h"
#include "portal/protocol/model_codecs.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "test_hook.h"
#include "ui/lead_value.h"
#include "ui/screens.h"

namespace portal::client {
namespace {

constexpr double kToastMs = 3500;
constexpr size_t kMaxNotifications = 50;
constexpr double kBlinkMs = 400;
// A command with no answer after this long goes out again on the same connection.
constexpr double kAckRetryMs = 8000;
// After this many failed attempts in a row the indicator says "Offline" (still retrying).
constexpr int kOfflineAfterFailures = 6;

const char* const kSessionEnded = kSessionEndedMessage;
const char* const kVersionMismatch = "A newer version is available. Reload the page.";

}  // namespace

// [SECTION] Token storage

constexpr const char* kTokenKey = "pp.token";

std::string load_token() {
  return browser::local_get(kTokenKey);
}
void store_token(const std::string& token) {
  browser::local_set(kTokenKey, token);
}
void clear_token() {
  browser::local_remove(kTokenKey);
}

void LeadForm::reset() {
  *this = LeadForm();
}

App::App() : conn_(*this) {
  id_state_ = uint64_t(browser::random_u32()) << 32 | browser::random_u32();
  if (id_state_ == 0) id_state_ = 0x9E3779B97F4A7C15ull;
}

void App::start() {
  now_ms_ = emscripten_get_now();
  open_invite_from_location();
  conn_.start();
  mark_dirty();
}

// [SECTION] Frame pacing

void App::mark_dirty(int frames) {
  frames_pending_ = std::max(frames_pending_, frames);
}

bool App::wants_frame(double now_ms) {
  now_ms_ = now_ms;
  if (conn_.tick(now_ms)) mark_dirty();
  if (browser::take_popped()) on_history_moved();
  if (messages_tick(now_ms)) mark_dirty();
  resend_unacked(now_ms);
  // The "reconnecting in N s" countdown.
  int retry = retry_seconds();
  if (retry != shown_retry_seconds_) {
    shown_retry_seconds_ = retry;
    mark_dirty(1);
  }
  if (!toast_.text.empty() && now_ms >= toast_.until_ms) {
    toast_.text.clear();
    mark_dirty();
  }
  const ImGuiIO& io = ImGui::GetIO();
  // Caret blink while a text field is active.
  if (io.WantTextInput) {
    if (now_ms >= next_blink_ms_) {
      next_blink_ms_ = now_ms + kBlinkMs;
      mark_dirty(1);
    }
  }
  // Animations: the spinner while busy, the modal's backdrop fading in.
  if (login_.busy || !lead_.pending_id.empty() || !account_form_.pending_id.empty() ||
      !accounts_.pending_tasks.empty())
    mark_dirty(1);
  if (login_.busy || !lead_.pending_id.empty() || !overview_.pending_id.empty()) mark_dirty(1);
  if (screen_ == Screen::Invite) {
    poll_invite();
    if (invite_.busy) mark_dirty(1);
  }
  if (GImGui && GImGui->DimBgRatio > 0.0f && GImGui->DimBgRatio < 1.0f) mark_dirty(1);
  return frames_pending_ > 0;
}

void App::frame_done() {
  if (frames_pending_ > 0) --frames_pending_;
  ++frames_rendered_;
}

bool App::idle() const {
  if (frames_pending_ > 0) return false;
  if (!unacked_.empty() || login_.busy || invite_.busy) return false;
  if (replica_.awaiting_any_snapshot()) return false;
  if (awaiting_welcome_ || conn_.state() == Connection::State::Connecting) return false;
  return true;
}

void App::draw() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  constexpr ImGuiWindowFlags kRoot =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
      ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
      ImGuiWindowFlags_NoNavFocus;
  ImGui::Begin("##root", nullptr, kRoot);
  switch (screen_) {
    case Screen::Connecting:
      ui::connecting_screen(*this);
      break;
    case Screen::Login:
      ui::login_screen(*this);
      break;
    case Screen::Invite:
      ui::invite_screen(*this);
      break;
    case Screen::App:
      ui::shell(*this);
      break;
  }
  ImGui::End();
  ui::toast_overlay(*this);
  sync_location();
}

LinkStatus App::link_status() const {
  if (conn_.is_open() && session_ && !awaiting_welcome_) return LinkStatus::Online;
  if (conn_.is_open() && screen_ == Screen::Login) return LinkStatus::Online;
  if (!browser::online() || conn_.failures() >= kOfflineAfterFailures) return LinkStatus::Offline;
  return LinkStatus::Reconnecting;
}

int App::retry_seconds() const {
  return conn_.seconds_until_retry(now_ms_);
}

std::string App::connection_notice() const {
  const int n = retry_seconds();
  if (session_) {
    if (link_status() == LinkStatus::Online) return {};
    std::string msg = "Connection lost \xe2\x80\x94 reconnecting";
    if (n > 0) msg += " in " + std::to_string(n) + " s";
    return msg + "\xe2\x80\xa6";
  }
  if (conn_.is_open() || n <= 0) return {};
  return "Cannot reach the server. Retrying in " + std::to_string(n) + " s\xe2\x80\xa6";
}

std::string App::first_name() const {
  if (!session_) return {};
  const std::string& n = session_->user.name;
  return n.substr(0, n.find(' '));
}

// [SECTION] Actions

void App::submit_login() {
  if (login_.busy) return;
  login_.error.clear();
  login_.field_errors = validate_login(login_.email, login_.password);
  if (!login_.field_errors.empty()) return;
  if (!conn_.is_open()) {
    login_.error = "Cannot reach the server. Please try again in a moment.";
    return;
  }
  conn_.send(LoginFrame{kProtocolVersion, login_.email, login_.password});
  login_.busy = true;
  awaiting_welcome_ = true;
  resuming_ = false;
  mark_dirty();
}

void App::logout() {
  conn_.send(LogoutFrame{});
  forget_outbox();
  forget_drafts();
  end_session("");
  mark_dirty();
}

void App::select_room(const std::string& room) {
  if (room == room_) return;
  room_ = room;
  // Rooms with a view subscribe when first opened; the Overview is subscribed on welcome.
  if ((room == "overview" || room == "accounts" || room == "program") && !replica_.room(room))
    conn_.send(replica_.subscribe(room));
  mark_dirty();
}

void App::open_lead_form() {
  lead_.reset();
  lead_.request_open = true;
  lead_.focus_first = true;
  mark_dirty();
}

void App::close_lead_form() {
  lead_.request_open = false;
  lead_.request_close = true;
  mark_dirty();
}

void App::submit_lead() {
  if (!lead_.pending_id.empty()) return;
  lead_.error.clear();
  LeadDraft d;
  d.company = lead_.company;
  d.contact = lead_.contact;
  d.email = lead_.email;
  d.phone = lead_.phone;
  d.notes = lead_.notes;
  if (const OverviewState* o = replica_.overview())
    d.currency = o->currency;
  else if (session_)
    d.currency = session_->org.currency;
  std::optional<int64_t> value = ui::parse_money_major(lead_.value);
  d.value_minor = value.value_or(0);
  lead_.errors = validate_lead(d);
  if (!value) {
    // The typed text is not a number at all: say so instead of "must be more than zero".
    std::erase_if(lead_.errors, [](const FieldError& e) { return e.field.rfind("value", 0) == 0; });
    lead_.errors.push_back({"value_minor", "Enter an amount like 12,500 or 12500.50."});
  }
  if (!lead_.errors.empty()) return;
  CommandFrame cmd{new_command_id(), std::string(kCmdLeadSubmit), to_json(d)};
  lead_.pending_id = cmd.id;
  send_command(std::move(cmd));
}

void App::show_toast(std::string text, bool is_error) {
  last_toast_ = text;
  toast_ = Toast{std::move(text), is_error, now_ms_ + kToastMs};
  mark_dirty();
}

bool App::is_vendor() const {
  return session_ && session_->org.kind == OrgKind::Vendor && is_vendor_staff(session_->user.role);
}

void App::pipeline_command(std::string_view type, Json payload) {
  send_command(CommandFrame{new_command_id(), std::string(type), std::move(payload)});
}

void App::add_deal_note() {
  if (!pipeline_.note_pending.empty() || pipeline_.selected_deal.empty()) return;
  std::string text = pipeline_.note;
  if (text.find_first_not_of(" \t\n") == std::string::npos) return;
  CommandFrame cmd{new_command_id(), std::string(kCmdDealAddNote),
                   Json{{"deal_id", pipeline_.selected_deal}, {"text", std::move(text)}}};
  pipeline_.note_pending = cmd.id;
  send_command(std::move(cmd));
}

void App::send_command(CommandFrame cmd) {
  conn_.send(cmd);  // if the socket is down, it goes out after the reconnect
  unacked_.push_back(Unacked{std::move(cmd), now_ms_});
  save_outbox();
  mark_dirty();
}

std::vector<std::string> App::unacked_ids() const {
  std::vector<std::string> ids;
  for (const Unacked& u : unacked_) ids.push_back(u.cmd.id);
  return ids;
}

void App::resend_unacked(double now_ms) {
  if (!session_ || awaiting_welcome_ || !conn_.is_open()) return;  // the welcome resends them
  for (Unacked& u : unacked_) {
    if (now_ms - u.sent_ms < kAckRetryMs) continue;
    conn_.send(u.cmd);
    u.sent_ms = now_ms;
  }
}

std::string App::new_command_id() {
  // xorshift64* over a seed from crypto.getRandomValues: unique enough per tab and session.
  id_state_ ^= id_state_ >> 12;
  id_state_ ^= id_state_ << 25;
  id_state_ ^= id_state_ >> 27;
  uint64_t v = id_state_ * 0x2545F4914F6CDD1Dull;
  char buf[24];
  std::snprintf(buf, sizeof(buf), "c-%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// [SECTION] Connection events

void App::on_open() {
  // The invitation screen needs no session: it stays up until the invitee is logged in.
  if (screen_ == Screen::Invite) {
    mark_dirty();
    return;
  }
  std::string token = load_token();
  if (!token.empty()) {
    conn_.send(ResumeFrame{kProtocolVersion, token});
    awaiting_welcome_ = true;
    resuming_ = true;
  } else {
    awaiting_welcome_ = false;
    if (screen_ != Screen::Login) {
      login_ = LoginForm();
      screen_ = Screen::Login;
    }
    login_.busy = false;
    if (login_.error.rfind("Cannot reach", 0) == 0) login_.error.clear();
  }
  mark_dirty();
}

void App::on_close() {
  awaiting_welcome_ = false;
  resuming_ = false;
  if (login_.busy) {
    login_.busy = false;
    login_.error = "The connection dropped. Please try again.";
  }
  // With no session to resume, the log-in screen is where the countdown shows.
  if (screen_ == Screen::Connecting && load_token().empty()) screen_ = Screen::Login;
  mark_dirty();
}

void App::on_bad_frame(const Error& error) {
  std::fprintf(stderr, "bad frame from server: %s\n", error.message.c_str());
}

void App::on_frame(ServerFrame frame) {
  std::visit(
      [this](auto& f) {
        using T = std::decay_t<decltype(f)>;
        if constexpr (std::is_same_v<T, WelcomeFrame>)
          on_welcome(f);
        else if constexpr (std::is_same_v<T, ErrorFrame>)
          on_error(f);
        else if constexpr (std::is_same_v<T, AckFrame>)
          on_ack(f);
        else if constexpr (std::is_same_v<T, SnapshotFrame>)
          replica_.on_snapshot(f);
        else if constexpr (std::is_same_v<T, EventFrame>)
          on_event(f);
        else if constexpr (std::is_same_v<T, CaughtUpFrame>)
          std::erase(resyncing_, f.room);  // the replay is over: nothing more is missing
        else if constexpr (std::is_same_v<T, ByeFrame>) {
          if (f.reason == "login_timeout")
            conn_.reconnect_at_once();  // no user yet: a fresh socket, without a notice
          else if (f.reason == "session_expired")
            end_session(kSessionEnded);
          else if (f.reason == "logged_out" && screen_ == Screen::App) {
            forget_outbox();
            forget_drafts();
            end_session("");
          }
        }
      },
      frame);
  mark_dirty();
}

// [SECTION] Frames from the server

void App::on_welcome(WelcomeFrame& w) {
  const bool same_user = session_ && session_->user.id == w.user.id;
  if (!same_user) {
    replica_.clear();
    unacked_.clear();
    resyncing_.clear();
  }
  if (!w.token.empty())
    store_token(w.token);
  else if (session_)
    w.token = session_->token;
  awaiting_welcome_ = false;
  resuming_ = false;
  login_ = LoginForm();
  login_.focus_email = false;
  session_ = std::move(w);

  const auto& rooms = session_->rooms;
  auto visible = [&](const std::string& r) {
    return std::find(rooms.begin(), rooms.end(), r) != rooms.end();
  };
  // A fresh session opens the room the URL names (#/leads) if the user may see it; a resumed
  // one stays where it was.
  if (!same_user) {
    restore_drafts(session_->user.id);
    open_route(browser::location_route());
  }
  if (!visible(room_)) {
    room_ = rooms.empty() ? "overview" : rooms.front();
    pipeline_.selected_deal.clear();
    pipeline_.selected_lead.clear();
  }
  shown_route_ = route();
  browser::replace_route(shown_route_);
  screen_ = Screen::App;

  // Resubscribe what we hold (with `after`), then make sure the Overview is subscribed.
  for (const SubscribeFrame& s : replica_.resubscribe_all()) conn_.send(s);
  const bool has_overview =
      std::find(rooms.begin(), rooms.end(), "overview") != rooms.end() || rooms.empty();
  if (has_overview && !replica_.room("overview")) conn_.send(replica_.subscribe("overview"));
  // Leads and Deals are followed from the start: their events drive the notifications.
  for (const char* room : {"leads", "deals", "messages"})
    if (visible(room) && !replica_.room(room)) conn_.send(replica_.subscribe(room));
  // Accounts (up to 10,000 rows) loads when its room is first shown.
  if (room_ == "accounts" && !replica_.room(room_)) conn_.send(replica_.subscribe(room_));
  // The Program room subscribes when first opened, or now when the URL opened it.
  if (room_ == "program" && !replica_.room(room_)) conn_.send(replica_.subscribe(room_));
  // Commands nobody acknowledged yet go out again with the same id: applied once. A fresh
  // session also takes over the messages an earlier tab of this user left unsent.
  if (!same_user) restore_outbox(session_->user.id);
  for (Unacked& u : unacked_) {
    conn_.send(u.cmd);
    u.sent_ms = now_ms_;
  }
}

void App::end_session(std::string message) {
  clear_token();
  session_.reset();
  replica_.clear();
  unacked_.clear();
  resyncing_.clear();
  lead_.reset();
  pipeline_ = PipelineUi();
  reset_accounts();
  program_ = ProgramUi();
  overview_ = OverviewUi();
  invitations_ = InvitationsUi();
  attachments::forget_all(messages_.attachments);  // the page's uploads were this user's
  messages_ = MessagesUi();
  notifications_.clear();
  awaiting_welcome_ = false;
  resuming_ = false;
  login_ = LoginForm();
  login_.error = std::move(message);
  screen_ = Screen::Login;
}

void App::on_error(const ErrorFrame& e) {
  const Error& err = e.error;
  if (e.id) {
    // A refused command: it is answered, so it is not resent. One refused because the session
    // ended was not looked at: it stays kept and goes out after the next log-in.
    if (err.code == ErrorCode::SessionExpired) {
      end_session(kSessionEnded);
      return;
    }
    std::erase_if(unacked_, [&](const Unacked& u) { return u.cmd.id == *e.id; });
    save_outbox();
    if (*e.id == pipeline_.note_pending) pipeline_.note_pending.clear();
    if (*e.id == program_.pending) {
      on_program_answer(*e.id, &err);
      return;
    }
    if (on_overview_error(*e.id, err)) return;
    if (on_invitation_answer(*e.id, nullptr, &err)) return;
    if (on_account_answer(*e.id, &err)) {
      // Shown in the Add account form, or as a toast for a task tick.
    } else if (*e.id == lead_.pending_id) {
      lead_.pending_id.clear();
      if (err.code == ErrorCode::Validation && !err.fields.empty()) {
        lead_.errors = err.fields;
      } else {
        lead_.error = err.message.empty() ? "The lead could not be submitted." : err.message;
      }
    } else if (on_messages_error(*e.id, err)) {
      // Shown on the message itself, with Retry and Discard.
    } else {
      show_toast(err.message.empty() ? "That did not work." : err.message, true);
    }
    return;
  }
  if (err.code == ErrorCode::SessionExpired) {
    end_session(kSessionEnded);
    return;
  }
  if (awaiting_welcome_) {
    const bool was_resume = resuming_;
    awaiting_welcome_ = false;
    resuming_ = false;
    login_.busy = false;
    if (was_resume && err.code == ErrorCode::Internal) {
      // The server is in trouble (its disk failed), not the session: keep it, and everything
      // waiting to be sent, and ask again after the back-off.
      conn_.retry_later();
      return;
    }
    if (was_resume && err.code != ErrorCode::VersionMismatch) {
      // A resume that fails for any reason means a fresh log-in.
      end_session(err.code == ErrorCode::Unauthenticated ? kSessionEnded : err.message);
      return;
    }
    screen_ = Screen::Login;
    switch (err.code) {
      case ErrorCode::VersionMismatch:
        login_.error = kVersionMismatch;
        break;
      case ErrorCode::BadCredentials:
        login_.error = err.message.empty() ? "The e-mail or password is not right." : err.message;
        break;
      case ErrorCode::RateLimited:
        login_.error =
            err.message.empty() ? "Too many attempts. Please wait a minute." : err.message;
        break;
      case ErrorCode::Validation:
        login_.field_errors = err.fields;
        login_.error = err.fields.empty() ? err.message : "";
        break;
      default:
        login_.error = err.message.empty() ? "Log-in failed." : err.message;
        break;
    }
    return;
  }
  if (err.code == ErrorCode::VersionMismatch) {
    end_session(kVersionMismatch);
    return;
  }
  if (err.code == ErrorCode::Unauthenticated && screen_ == Screen::App) {
    end_session(kSessionEnded);
    return;
  }
  std::fprintf(stderr, "server error %s: %s\n", std::string(to_string(err.code)).c_str(),
               err.message.c_str());
}

void App::on_ack(const AckFrame& a) {
  std::erase_if(unacked_, [&](const Unacked& u) { return u.cmd.id == a.id; });
  save_outbox();
  if (on_account_detail(a)) return;
  if (on_account_answer(a.id, nullptr)) return;
  if (a.id == program_.pending) on_program_answer(a.id, nullptr);
  if (on_overview_ack(a)) return;
  if (on_invitation_answer(a.id, &a, nullptr)) return;
  on_messages_ack(a);
  if (a.id == pipeline_.note_pending) {
    pipeline_.note_pending.clear();
    pipeline_.note[0] = '\0';
  }
  if (a.id == lead_.pending_id) {
    // The Overview changes through the room's event, not through this ack.
    lead_.reset();
    lead_.request_close = true;
    show_toast("Lead submitted");
  }
}

std::string App::notification_for(const EventFrame& e) const {
  if (!session_ || is_vendor_staff(session_->user.role)) return {};
  if (e.room == "leads" && e.type == kEvLeadStageChanged) {
    const LeadsState* leads = replica_.leads();
    const LeadRow* row = leads ? find_lead(*leads, e.data.value("lead_id", "")) : nullptr;
    auto stage = lead_stage_from_string(e.data.value("stage", ""));
    if (!row || !stage) return {};
    return row->lead.draft.company + " moved to " + std::string(lead_stage_label(*stage));
  }
  if (e.room == "deals" && e.type == kEvDealStageChanged) {
    auto deal = deal_from_json(e.data.value("deal", Json()));
    if (deal && deal->stage == DealStage::ClosedWon) return "Deal won: " + deal->name;
  }
  return {};
}

void App::on_event(const EventFrame& e) {
  if (e.seq == 0 && e.type == "room.closed") return on_room_closed(e.room);
  if (e.seq == 0) {
    on_messages_signal(e);  // typing, presence: not part of any sequence
    return;
  }
  const std::string note = notification_for(e);
  switch (replica_.on_event(e)) {
    case Replica::EventResult::Applied:
      std::erase(resyncing_, e.room);
      on_messages_event(e);
      if (!note.empty()) {
        notifications_.push_back(Notification{note, now_ms_});
        if (notifications_.size() > kMaxNotifications) notifications_.erase(notifications_.begin());
        show_toast(note);
      }
      break;
    case Replica::EventResult::Gap: {
      // We missed something: ask again from what we hold; the server replays or snapshots.
      if (std::find(resyncing_.begin(), resyncing_.end(), e.room) == resyncing_.end()) {
        resyncing_.push_back(e.room);
        const RoomReplica* r = replica_.room(e.room);
        conn_.send(SubscribeFrame{e.room, r ? std::optional<int64_t>(r->seq) : std::nullopt});
      }
      break;
    }
    case Replica::EventResult::Duplicate:
    case Replica::EventResult::NotSubscribed:
      break;
  }
}

// The vendor switched a room off for this partnership: it leaves the navigation and its data
// the screen at once (the server sends nothing more of it), and whoever was in it lands on the
// Overview with a word why. Switched on again, it comes back with the next welcome.
void App::on_room_closed(const std::string& room) {
  replica_.forget(room);
  std::erase(resyncing_, room);
  if (session_) std::erase(session_->rooms, room);
  if (room_ == room) {
    room_ = "overview";
    shown_route_ = route();
    browser::replace_route(shown_route_);
  }
  show_toast("Your partnership no longer includes " + std::string(ui::room_title(room)) + ".");
  mark_dirty();
}

}  // namespace portal::client
