// The invitation screen's side of the app: the page fetches GET /api/invitations/<token> and
// POST /api/invitations/accept (EM_JS, window.ppInvite), the app reads the answer on its next
// frame. On success the new session is stored and resumed over the WebSocket, as after a log-in.
#include <emscripten.h>

#include <cstring>

#include "app.h"
#include "browser.h"
#include "portal/protocol/invitation_commands.h"
#include "portal/protocol/model_codecs.h"

namespace portal::client {
namespace {

// Starts a request; its answer lands in window.ppInvite = {seq, status, body}.
EM_JS(void, pp_js_invite_fetch, (int seq, const char* path, const char* body), {
  var p = UTF8ToString(path);
  var b = body ? UTF8ToString(body) : null;
  var opts = b === null ? {method: "GET"}
                        : {method: "POST", headers: {"Content-Type": "application/json"}, body: b};
  opts.cache = "no-store";
  opts.referrerPolicy = "no-referrer";
  fetch(p, opts)
      .then(function(r) { return r.text().then(function(t) { return [r.status, t]; }); })
      .then(function(a) { window.ppInvite = {seq: seq, status: a[0], body: a[1]}; },
            function() { window.ppInvite = {seq: seq, status: 0, body: ""}; });
});
EM_JS(int, pp_js_invite_seq, (), { return window.ppInvite ? window.ppInvite.seq : 0; });
EM_JS(int, pp_js_invite_status, (), { return window.ppInvite ? window.ppInvite.status : 0; });
EM_JS(int, pp_js_invite_body_size, (), {
  return window.ppInvite ? window.ppInvite.body.length * 3 + 1 : 1;  // an upper bound
});
EM_JS(void, pp_js_invite_body, (char* out, int size), {
  stringToUTF8(window.ppInvite ? window.ppInvite.body : "", out, size);
});

enum class Pending { None, Preview, Accept };
Pending g_pending = Pending::None;
int g_seq = 0;

std::string error_message(const Json& body, const char* fallback) {
  if (body.is_object() && body.contains("error") && body["error"].is_object())
    return body["error"].value("message", fallback);
  return fallback;
}

}  // namespace

bool App::open_invite_from_location() {
  const std::string route = browser::location_route();
  if (!route.starts_with("invite/")) return false;
  invite_ = InviteForm();
  invite_.token = route.substr(7);
  screen_ = Screen::Invite;
  if (invite_.token.size() != kInvitationTokenChars) {
    invite_.stage = InviteForm::Stage::Closed;
    invite_.error = "This invitation link is not complete. Open it from the e-mail again.";
    return true;
  }
  g_pending = Pending::Preview;
  invite_.busy = true;
  invite_.request_seq = ++g_seq;
  pp_js_invite_fetch(invite_.request_seq, ("/api/invitations/" + invite_.token).c_str(), nullptr);
  mark_dirty();
  return true;
}

void App::show_login() {
  invite_ = InviteForm();
  login_ = LoginForm();
  screen_ = Screen::Login;
  mark_dirty();
}

void App::submit_invite() {
  if (invite_.busy || invite_.stage != InviteForm::Stage::Ready) return;
  invite_.error.clear();
  InvitationAcceptRequest req{invite_.token, invite_.password, invite_.name};
  // The same rules the server applies (portal/protocol/invitation_commands.h).
  invite_.field_errors = validate_invitation_accept(req);
  if (std::strcmp(invite_.password, invite_.repeat) != 0)
    invite_.field_errors.push_back({"repeat", "The two passwords are not the same."});
  if (!invite_.field_errors.empty()) {
    mark_dirty();
    return;
  }
  const Json body = {{"token", invite_.token}, {"password", invite_.password}, {"name", invite_.name}};
  g_pending = Pending::Accept;
  invite_.busy = true;
  invite_.request_seq = ++g_seq;
  pp_js_invite_fetch(invite_.request_seq, "/api/invitations/accept", body.dump().c_str());
  mark_dirty();
}

void App::poll_invite() {
  if (!invite_.busy || pp_js_invite_seq() != invite_.request_seq) return;
  const int status = pp_js_invite_status();
  std::string text(static_cast<size_t>(pp_js_invite_body_size()), '\0');
  pp_js_invite_body(text.data(), static_cast<int>(text.size()));
  text.resize(std::strlen(text.c_str()));
  const Json body = Json::parse(text, nullptr, false);
  invite_.busy = false;
  const Pending was = g_pending;
  g_pending = Pending::None;
  mark_dirty(2);
  if (status == 0) {
    invite_.error = "Cannot reach the server. Please try again in a moment.";
    if (was == Pending::Preview) invite_.stage = InviteForm::Stage::Closed;
    return;
  }
  if (was == Pending::Preview) {
    if (status == 200 && body.is_object()) {
      invite_.org_name = body.value("org_name", "");
      invite_.email = body.value("email", "");
      invite_.stage = InviteForm::Stage::Ready;
    } else {
      invite_.stage = InviteForm::Stage::Closed;
      invite_.error = error_message(body, "This invitation link does not work.");
    }
    return;
  }
  if (status == 201 && body.is_object() && body.contains("token")) {
    // Logged in: the session is resumed like a stored one, and the Overview opens.
    std::memset(invite_.password, 0, sizeof invite_.password);
    std::memset(invite_.repeat, 0, sizeof invite_.repeat);
    store_token(body.value("token", ""));
    browser::replace_route("overview");
    screen_ = Screen::Connecting;
    if (conn_.is_open()) {
      conn_.send(ResumeFrame{kProtocolVersion, body.value("token", "")});
      awaiting_welcome_ = true;
      resuming_ = true;
    }
    return;
  }
  if (status == 404 || status == 410) {
    invite_.stage = InviteForm::Stage::Closed;
    invite_.error = error_message(body, "This invitation link does not work any more.");
    return;
  }
  invite_.field_errors.clear();
  if (body.is_object() && body.contains("error"))
    for (const Json& f : body["error"].value("fields", Json::array()))
      if (f.is_object()) invite_.field_errors.push_back({f.value("field", ""), f.value("message", "")});
  invite_.error = invite_.field_errors.empty()
                      ? error_message(body, "The invitation could not be accepted. Please try again.")
                      : "";
}

}  // namespace portal::client
