// The Messages room: the conversation list (unread badges, presence, search) beside the open
// conversation (day separators, authors, edited/deleted marks, infinite scroll back, a thread
// panel, typing, "Seen by", a composer where Enter sends). Vendor staff can switch to the
// support view: several live conversations side by side, the unanswered ones first.
// Index:
// [SECTION] Helpers
// [SECTION] Conversation list
// [SECTION] Messages
// [SECTION] Composer
// [SECTION] Conversation panel
// [SECTION] Support view
// [SECTION] Room
#include <emscripten.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <string>
#include <vector>

#include "app.h"
#include "fonts.h"
#include "icons.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "portal/protocol/messaging_commands.h"
#include "portal/rooms/messages.h"
#include "test_hook.h"
#include "theme.h"
#include "ui/attachments_view.h"
#include "ui/format.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace portal::client::ui {
namespace {

constexpr float kListWidth = 320;
constexpr float kThreadWidth = 330;
constexpr float kComposerHeight = 64;
constexpr float kQueueBarHeight = 40;  // the support view's "next in the queue" line
constexpr UnixTime kGroupSeconds = 5 * 60;

// [SECTION] Helpers

const ImU32 kAvatarColors[] = {theme::rgb(0x4F46E5), theme::rgb(0x0E9384), theme::rgb(0xD444F1),
                               theme::rgb(0xF79009), theme::rgb(0x2E90FA), theme::rgb(0xE31B54)};

ImU32 avatar_color(const std::string& id) {
  size_t h = 0;
  for (char c : id) h = h * 31 + static_cast<unsigned char>(c);
  return kAvatarColors[h % (sizeof(kAvatarColors) / sizeof(kAvatarColors[0]))];
}

std::string initials_of(const std::string& name) {
  std::string out;
  bool take = true;
  for (char c : name) {
    if (c == ' ') {
      take = true;
    } else if (take && out.size() < 2 && static_cast<unsigned char>(c) < 0x80) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      take = false;
    }
  }
  return out.empty() ? "?" : out;
}

std::string first_name(const std::string& name) {
  return name.substr(0, name.find(' '));
}

void avatar(ImVec2 center, float radius, const std::string& id, const std::string& name) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddCircleFilled(center, radius, avatar_color(id), 32);
  const std::string ini = initials_of(name);
  ImFont* f = radius >= 16 ? fonts().small_strong : fonts().small_strong;
  ImVec2 ts = text_size(f, ini);
  text_at(f, ImVec2(std::floor(center.x - ts.x * 0.5f), std::floor(center.y - ts.y * 0.5f)),
          theme::rgb(0xFFFFFF), ini);
}

void presence_dot(ImVec2 center, Presence p) {
  if (p == Presence::Offline) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddCircleFilled(center, 6, theme::kCardBg, 16);
  dl->AddCircleFilled(center, 4.5f, p == Presence::Online ? theme::kSuccess : theme::kWarning, 16);
}

// Cuts `s` to fit `width` with an ellipsis, at a UTF-8 character boundary; one line only.
std::string fit(ImFont* f, std::string s, float width) {
  const auto nl = s.find('\n');
  if (nl != std::string::npos) s = s.substr(0, nl) + " \xe2\x80\xa6";
  if (text_size(f, s).x <= width) return s;
  while (!s.empty() && text_size(f, s + "\xe2\x80\xa6").x > width) {
    s.pop_back();
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
  }
  return s + "\xe2\x80\xa6";
}

std::tm local(UnixTime t) {
  std::tm tm{};
  const std::time_t tt = static_cast<std::time_t>(t);
  localtime_r(&tt, &tm);
  return tm;
}

std::string clock_time(UnixTime t) {
  const std::tm tm = local(t);
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%02d:%02d", tm.tm_hour, tm.tm_min);
  return buf;
}

std::string day_label(UnixTime t) {
  const std::tm tm = local(t);
  char buf[48];
  std::strftime(buf, sizeof(buf), "%A, %e %B %Y", &tm);
  std::string s = buf;
  const auto dbl = s.find("  ");
  if (dbl != std::string::npos) s.erase(dbl, 1);
  return s;
}

bool same_day(UnixTime a, UnixTime b) {
  const std::tm x = local(a), y = local(b);
  return x.tm_year == y.tm_year && x.tm_yday == y.tm_yday;
}

// "09:24" today, "Thu" this week, else "26 Feb".
std::string short_time(UnixTime t, UnixTime now) {
  if (same_day(t, now)) return clock_time(t);
  const std::tm tm = local(t);
  char buf[16];
  if (now - t < 6 * kSecondsPerDay)
    std::strftime(buf, sizeof(buf), "%a", &tm);
  else
    std::strftime(buf, sizeof(buf), "%e %b", &tm);
  std::string s = buf;
  if (!s.empty() && s[0] == ' ') s.erase(0, 1);
  return s;
}

UnixTime now_seconds(const App&) {
  return static_cast<UnixTime>(emscripten_date_now() / 1000.0);
}

std::string person_name(const std::vector<Person>& people, const Id& id) {
  const Person* p = find_person(people, id);
  return p ? p->name : std::string("Someone");
}

// A rounded white panel at `pos` with a child window inside for its content.
bool panel_begin(const char* id, ImVec2 pos, ImVec2 size, ImGuiWindowFlags flags = 0) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  soft_shadow(dl, pos, ImVec2(pos.x + size.x, pos.y + size.y), theme::kCardRounding);
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), theme::kCardBg,
                    theme::kCardRounding);
  dl->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), theme::kCardBorder,
              theme::kCardRounding);
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, 0);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  const bool open = ImGui::BeginChild(id, size, false, flags | ImGuiWindowFlags_NoScrollbar |
                                                           ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  return open;
}

void panel_end() { ImGui::EndChild(); }

// A small text button ("Reply", "Edit"): returns true when clicked.
bool link_button(const char* id, const char* text, ImU32 color, const char* hook_label = nullptr) {
  ImVec2 ts = text_size(fonts().small_strong, text);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton(id, ImVec2(ts.x + 12, ts.y + 8));
  const bool hovered = ImGui::IsItemHovered();
  if (hook_label) hook::record(hook_label);
  if (hovered) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + ts.x + 12, pos.y + ts.y + 8),
                                              theme::kNeutralSoft, 6);
  }
  text_at(fonts().small_strong, ImVec2(pos.x + 6, pos.y + 4), color, text);
  return clicked;
}

// [SECTION] Conversation list

void list_row(App& app, const MessagesState& s, const ConversationSummary& c, float width,
              bool selected, UnixTime now) {
  const float h = 68;
  ImVec2 min = ImGui::GetCursorScreenPos();
  ImVec2 max(min.x + width, min.y + h);
  ImGui::PushID(c.conversation.id.c_str());
  if (ImGui::InvisibleButton("##row", ImVec2(width, h))) app.open_conversation(c.conversation.id);
  const bool hovered = ImGui::IsItemHovered();
  ImGui::PopID();
  hook::record_owned("conversation:" + c.title);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (selected)
    dl->AddRectFilled(ImVec2(min.x + 8, min.y + 2), ImVec2(max.x - 8, max.y - 2),
                      theme::kAccentSoft, theme::kControlRounding);
  else if (hovered)
    dl->AddRectFilled(ImVec2(min.x + 8, min.y + 2), ImVec2(max.x - 8, max.y - 2),
                      theme::kNeutralSoft, theme::kControlRounding);
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

  const ImVec2 center(min.x + 38, min.y + h * 0.5f);
  if (c.conversation.kind == ConversationKind::Direct) {
    Id other;
    for (const Id& m : c.conversation.member_ids)
      if (m != s.me) other = m;
    avatar(center, 18, other, c.title);
    presence_dot(ImVec2(center.x + 13, center.y + 13), presence_of(s, other));
  } else {
    dl->AddRectFilled(ImVec2(center.x - 18, center.y - 18), ImVec2(center.x + 18, center.y + 18),
                      theme::kAccentSoft, 10);
    ImVec2 ts = text_size(fonts().body_strong, "#");
    text_at(fonts().body_strong, ImVec2(center.x - ts.x * 0.5f, center.y - ts.y * 0.5f),
            theme::kAccentText, "#");
  }
  const float x = min.x + 66, right = max.x - 20;
  const std::string when = c.last ? short_time(c.last->sent_at, now) : std::string();
  const float when_w = text_size(fonts().small, when).x;
  ImFont* title_font = c.unread > 0 ? fonts().body_strong : fonts().body_strong;
  std::string title = c.title;
  if (app.is_vendor() && c.conversation.kind == ConversationKind::Topic) title = c.title;
  text_at(title_font, ImVec2(x, min.y + 13), theme::kText, fit(title_font, title, right - x - when_w - 8));
  text_at(fonts().small, ImVec2(right - when_w, min.y + 15), c.unread ? theme::kAccentText : theme::kTextFaint, when);

  std::string preview;
  if (!c.last)
    preview = "No messages yet";
  else if (c.last->deleted)
    preview = "Message deleted";
  else
    preview = (c.last->author_id == s.me ? std::string("You") : first_name(c.last_author)) + ": " +
              c.last->body;
  if (app.is_vendor()) preview = c.org_name + " \xc2\xb7 " + preview;
  // What this user left here comes first: a message the server refused, or a draft.
  const MessagesUi& ui = app.messages_ui();
  ImU32 preview_color = c.unread ? theme::kTextSecondary : theme::kTextMuted;
  std::string mark;
  for (const OutgoingMessage& o : ui.outgoing)
    if (o.conversation_id == c.conversation.id && !o.error.empty()) {
      mark = "Not sent: ";
      preview = o.body;
      preview_color = theme::kDanger;
    }
  // (A draft shows in the rows of the conversations not open; the open one's is in its box.)
  if (mark.empty() && !selected) {
    const auto draft = ui.drafts.find(c.conversation.id);
    size_t files = 0;
    for (const PendingUpload& p : ui.attachments.all)
      if (const auto owner = ui.attachments.owner.find(p.slot);
          owner != ui.attachments.owner.end() && owner->second == c.conversation.id)
        ++files;
    if (draft != ui.drafts.end() || files > 0) {
      mark = "Draft: ";
      preview = draft != ui.drafts.end() ? draft->second
                : files == 1             ? "1 file"
                                         : std::to_string(files) + " files";
      preview_color = theme::kAccentText;
    }
  }
  float badge_w = 0;
  if (c.unread > 0) {
    const std::string n = std::to_string(c.unread);
    ImVec2 ns = text_size(fonts().small_strong, n);
    badge_w = std::max(20.0f, ns.x + 12);
    ImVec2 bmin(right - badge_w, min.y + 38), bmax(right, min.y + 58);
    dl->AddRectFilled(bmin, bmax, theme::kAccent, 10);
    text_at(fonts().small_strong, ImVec2(bmin.x + (badge_w - ns.x) * 0.5f, bmin.y + (20 - ns.y) * 0.5f),
            theme::rgb(0xFFFFFF), n);
    badge_w += 8;
  }
  float mark_w = 0;
  if (!mark.empty()) {
    text_at(fonts().small_strong, ImVec2(x, min.y + 39), preview_color, mark);
    mark_w = text_size(fonts().small_strong, mark).x;
  }
  text_at(fonts().small, ImVec2(x + mark_w, min.y + 39),
          mark.empty() ? preview_color : theme::kTextMuted,
          fit(fonts().small, preview, right - x - mark_w - badge_w));
  ImGui::SetCursorScreenPos(ImVec2(min.x, max.y));
}

void search_results(App& app, const MessagesState& s, float width, UnixTime now) {
  MessagesUi& ui = app.messages_ui();
  ImGui::SetCursorPosX(16);
  text(fonts().small_strong, theme::kTextMuted,
       ui.search_pending.empty()
           ? std::to_string(ui.search_results.size()) + " results for \xe2\x80\x9c" + ui.search_query + "\xe2\x80\x9d"
           : std::string("Searching\xe2\x80\xa6"));
  ImGui::Dummy(ImVec2(0, 4));
  for (const Message& m : ui.search_results) {
    const ConversationSummary* c = find_summary(s, m.conversation_id);
    const float h = 62;
    ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::PushID(m.id.c_str());
    if (ImGui::InvisibleButton("##hit", ImVec2(width, h))) {
      app.open_conversation(m.conversation_id);
      ui.jump_to = m.id;
      ui.jump_conversation = m.conversation_id;
    }
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    hook::record_owned("result:" + m.body.substr(0, 40));
    if (hovered) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(min.x + 8, min.y), ImVec2(min.x + width - 8, min.y + h),
                                                theme::kNeutralSoft, theme::kControlRounding);
    }
    const std::string where = (c ? c->title : std::string("Conversation")) + " \xc2\xb7 " +
                              person_name(s.people, m.author_id) + " \xc2\xb7 " + short_time(m.sent_at, now);
    text_at(fonts().small_strong, ImVec2(min.x + 20, min.y + 10), theme::kTextSecondary,
            fit(fonts().small_strong, where, width - 40));
    text_at(fonts().body, ImVec2(min.x + 20, min.y + 32), theme::kText, fit(fonts().body, m.body, width - 40));
    ImGui::SetCursorScreenPos(ImVec2(min.x, min.y + h));
  }
  if (ui.search_pending.empty() && ui.search_results.empty()) {
    ImGui::Dummy(ImVec2(0, 16));
    ImGui::SetCursorPosX(20);
    text(fonts().body, theme::kTextMuted, "No message matches. Try another word.");
  }
}

void conversation_list(App& app, const MessagesState& s, ImVec2 pos, ImVec2 size) {
  MessagesUi& ui = app.messages_ui();
  if (!panel_begin("##list", pos, size)) return panel_end();
  const UnixTime now = now_seconds(app);
  // Search box, and beside it the button that starts a new conversation.
  constexpr float kNewWidth = 40;
  ImGui::SetCursorPos(ImVec2(size.x - 16 - kNewWidth, 16));
  if (button(icon::kPlus, ButtonKind::Secondary, ImVec2(kNewWidth, 40))) app.open_new_message();
  hook::record("New message");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("New message");
  ImGui::SetCursorPos(ImVec2(16, 16));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(36, 10));
  ImGui::SetNextItemWidth(size.x - 32 - kNewWidth - 8);
  const bool enter = ImGui::InputTextWithHint("##search", "Search messages", ui.search,
                                              sizeof(ui.search), ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::PopStyleVar();
  hook::record("Search messages");
  {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
    dl->AddRect(mn, mx, ImGui::IsItemActive() ? theme::kAccent : theme::kInputBorder, theme::kControlRounding);
    // A magnifier drawn with two strokes: the icon font has no search glyph here.
    const ImVec2 c(mn.x + 18, (mn.y + mx.y) * 0.5f - 1);
    dl->AddCircle(c, 5.5f, theme::kTextMuted, 16, 1.6f);
    dl->AddLine(ImVec2(c.x + 4, c.y + 4), ImVec2(c.x + 8, c.y + 8), theme::kTextMuted, 1.8f);
  }
  if (enter) app.search_messages();
  if (!ui.search_query.empty()) {
    ImGui::SetCursorPos(ImVec2(size.x - 80, 70));
    if (link_button("##clear", "Clear", theme::kAccentText, "Clear search")) {
      ui.search[0] = '\0';
      app.search_messages();
    }
  }
  ImGui::SetCursorPos(ImVec2(0, ui.search_query.empty() ? 64 : 76));
  ImGui::BeginChild("##rows", ImVec2(size.x, size.y - ImGui::GetCursorPosY() - 8), false);
  if (!ui.search_query.empty()) {
    search_results(app, s, size.x, now);
  } else if (s.conversations.empty()) {
    ImGui::Dummy(ImVec2(0, 24));
    ImGui::SetCursorPosX(20);
    text(fonts().body, theme::kTextMuted, "No conversations yet.");
  } else {
    for (const ConversationSummary& c : s.conversations)
      list_row(app, s, c, size.x, c.conversation.id == ui.open, now);
  }
  ImGui::EndChild();
  panel_end();
}

// [SECTION] Messages

struct MessageView {
  const Message* message = nullptr;
  const OutgoingMessage* outgoing = nullptr;
};

// Under a message on its way: "Sending…", or why the server refused it with Retry and Discard.
void outgoing_status(App& app, const OutgoingMessage& o, float x, float width) {
  const Json files = o.payload.is_object() ? o.payload.value("attachments", Json::array()) : Json();
  const size_t n = files.is_array() ? files.size() : 0;
  const std::string with =
      n == 0 ? "" : "  \xc2\xb7  " + std::to_string(n) + (n == 1 ? " file" : " files");
  if (o.error.empty()) {
    text(fonts().small, theme::kTextFaint, "Sending\xe2\x80\xa6" + with);
    return;
  }
  ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + 2));
  ImGui::PushFont(fonts().small_strong);
  ImGui::PushTextWrapPos(x - ImGui::GetWindowPos().x + ImGui::GetScrollX() + width);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kDanger);
  const std::string line = "Not sent: " + o.error + with;
  ImGui::TextUnformatted(line.data(), line.data() + line.size());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  hook::record("Not sent");
  ImGui::SetCursorScreenPos(ImVec2(x - 6, ImGui::GetCursorScreenPos().y));
  if (link_button("##retry", "Retry", theme::kAccentText, "Retry message"))
    app.retry_message(o.command_id);
  ImGui::SameLine(0, 4);
  if (link_button("##discard", "Discard", theme::kTextMuted, "Discard message"))
    app.discard_message(o.command_id);
}

// Draws one message at the cursor; `compact` leaves out the avatar and name (same author,
// minutes apart). Returns nothing; actions go through the app.
void message_row(App& app, const ConversationState& c, const MessageView& v, float width,
                 bool compact, bool in_thread, size_t replies) {
  MessagesUi& ui = app.messages_ui();
  const Id me = app.session()->user.id;
  const Message* m = v.message;
  const Id author = m ? m->author_id : me;
  const UnixTime at = m ? m->sent_at : static_cast<UnixTime>(emscripten_date_now() / 1000.0);
  const std::string name = m ? person_name(c.people, author) : app.session()->user.name;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float left = 64;
  ImVec2 top = ImGui::GetCursorScreenPos();
  const float row_x = top.x;
  if (!compact) ImGui::Dummy(ImVec2(0, 8));
  top = ImGui::GetCursorScreenPos();
  ImGui::PushID(m ? m->id.c_str() : v.outgoing->command_id.c_str());
  ImGui::BeginGroup();
  if (!compact) {
    avatar(ImVec2(row_x + 36, top.y + 18), 17, author, name);
    ImGui::SetCursorScreenPos(ImVec2(row_x + left, top.y));
    text(fonts().body_strong, theme::kText, name);
    ImGui::SameLine(0, 8);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2);
    std::string meta = clock_time(at);
    if (m && m->edited && !m->deleted) meta += "  \xc2\xb7  edited";
    text(fonts().small, theme::kTextFaint, meta);
  }
  ImGui::SetCursorScreenPos(ImVec2(row_x + left, ImGui::GetCursorScreenPos().y));
  const float text_w = width - left - 24;
  if (m && ui.editing == m->id) {
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(10, 8));
    if (ui.focus_edit) {
      ImGui::SetKeyboardFocusHere();
      ui.focus_edit = false;
    }
    const bool enter = ImGui::InputTextMultiline(
        "##edit", ui.edit_buf, sizeof(ui.edit_buf), ImVec2(text_w, 64),
        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine);
    ImGui::PopStyleVar();
    hook::record("Edit text");
    ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), theme::kAccent,
                                        theme::kControlRounding);
    ImGui::SetCursorScreenPos(ImVec2(row_x + left, ImGui::GetCursorScreenPos().y + 2));
    if (enter || link_button("##save", "Save", theme::kAccentText, "Save edit")) {
      ImGui::ClearActiveID();
      app.edit_message(m->id, ui.edit_buf);
    }
    ImGui::SameLine(0, 4);
    if (link_button("##cancel", "Cancel", theme::kTextMuted, "Cancel edit") ||
        ImGui::IsKeyPressed(ImGuiKey_Escape))
      ui.editing.clear();
  } else if (m && m->deleted) {
    text(fonts().body, theme::kTextFaint, "This message was deleted.");
  } else {
    ImGui::PushFont(fonts().body);
    // The wrap position is in window coordinates, not screen ones.
    ImGui::PushTextWrapPos(row_x - ImGui::GetWindowPos().x + ImGui::GetScrollX() + width - 24);
    ImGui::PushStyleColor(ImGuiCol_Text, m ? theme::kText : theme::kTextMuted);
    const std::string& body = m ? m->body : v.outgoing->body;
    ImGui::TextUnformatted(body.data(), body.data() + body.size());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    if (m && !m->attachments.empty()) {
      ImGui::SetCursorScreenPos(ImVec2(row_x + left, ImGui::GetCursorScreenPos().y));
      message_attachments(*m, text_w);
    }
    if (!m) outgoing_status(app, *v.outgoing, row_x + left, text_w);
  }
  if (m && replies > 0 && !in_thread) {
    ImGui::SetCursorScreenPos(ImVec2(row_x + left - 6, ImGui::GetCursorScreenPos().y));
    const std::string label = std::to_string(replies) + (replies == 1 ? " reply" : " replies");
    if (link_button("##replies", label.c_str(), theme::kAccentText)) {
      ui.thread = m->id;
      ui.focus_thread = true;
    }
  }
  ImGui::EndGroup();
  ImGui::PopID();
  const ImVec2 bottom(row_x + width, ImGui::GetItemRectMax().y + 2);
  const bool hovered = ImGui::IsMouseHoveringRect(ImVec2(row_x, top.y - 4), bottom) && ImGui::IsWindowHovered();
  if (m && ui.jump_to == m->id) {
    dl->AddRectFilled(ImVec2(row_x + 8, top.y - 4), ImVec2(row_x + width - 8, bottom.y + 2),
                      theme::rgb(0xFDB022, 40), 8);
  }
  // Actions on hover: reply (not inside a thread), and edit/delete of one's own messages.
  if (m && !m->deleted && ui.editing != m->id && hovered) {
    const bool own = m->author_id == me;
    float x = row_x + width - 20;
    std::vector<std::pair<const char*, int>> actions;
    if (!in_thread) actions.push_back({"Reply", 0});
    if (own) {
      actions.push_back({"Edit", 1});
      actions.push_back({"Delete", 2});
    }
    float total = 0;
    for (auto& a : actions) total += text_size(fonts().small_strong, a.first).x + 12 + 2;
    x -= total;
    const ImVec2 keep = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(ImVec2(x - 4, top.y - 2), ImVec2(x + total + 2, top.y + 26), theme::kCardBg, 8);
    dl->AddRect(ImVec2(x - 4, top.y - 2), ImVec2(x + total + 2, top.y + 26), theme::kCardBorder, 8);
    for (auto& [label, what] : actions) {
      ImGui::SetCursorScreenPos(ImVec2(x, top.y));
      ImGui::PushID(m->id.c_str());
      const char* hook_label = what == 0 ? "Reply" : what == 1 ? "Edit message" : "Delete message";
      if (link_button(label, label, what == 2 ? theme::kDanger : theme::kTextSecondary, hook_label)) {
        if (what == 0) {
          ui.thread = m->id;
          ui.focus_thread = true;
        } else if (what == 1) {
          ui.editing = m->id;
          std::snprintf(ui.edit_buf, sizeof(ui.edit_buf), "%s", m->body.c_str());
          ui.focus_edit = true;
        } else {
          app.delete_message(m->id);
        }
      }
      ImGui::PopID();
      x += text_size(fonts().small_strong, label).x + 12 + 2;
    }
    ImGui::SetCursorScreenPos(keep);
  }
  ImGui::SetCursorScreenPos(ImVec2(row_x, bottom.y + 2));
}

void day_separator(UnixTime t, float width) {
  ImGui::Dummy(ImVec2(0, 10));
  ImVec2 p = ImGui::GetCursorScreenPos();
  const std::string label = day_label(t);
  ImVec2 ts = text_size(fonts().small_strong, label);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float mid = p.y + 11;
  dl->AddLine(ImVec2(p.x + 24, mid), ImVec2(p.x + width - 24, mid), theme::kDivider);
  ImVec2 bmin(p.x + (width - ts.x) * 0.5f - 12, p.y), bmax(bmin.x + ts.x + 24, p.y + 22);
  dl->AddRectFilled(bmin, bmax, theme::kCardBg, 11);
  dl->AddRect(bmin, bmax, theme::kCardBorder, 11);
  text_at(fonts().small_strong, ImVec2(bmin.x + 12, bmin.y + (22 - ts.y) * 0.5f), theme::kTextMuted, label);
  ImGui::Dummy(ImVec2(0, 24));
}

std::string typing_line(const App& app, const Id& conv) {
  auto it = app.messages_ui().typing.find(conv);
  if (it == app.messages_ui().typing.end() || it->second.empty()) return {};
  const auto& list = it->second;
  if (list.size() == 1) return first_name(list[0].name) + " is typing\xe2\x80\xa6";
  if (list.size() == 2)
    return first_name(list[0].name) + " and " + first_name(list[1].name) + " are typing\xe2\x80\xa6";
  return "Several people are typing\xe2\x80\xa6";
}

// The scrolling list of a conversation's top-level messages (or one thread's replies).
void message_list(App& app, const ConversationState& c, const char* id, ImVec2 size,
                  const Id& thread_parent) {
  MessagesUi& ui = app.messages_ui();
  const Id conv = c.conversation.id;
  const bool main = thread_parent.empty();
  ImGui::BeginChild(id, size, false);
  const float width = ImGui::GetContentRegionAvail().x;
  if (main) {
    // Infinite scroll back: reaching the top asks for the page before the oldest message.
    const bool loading = ui.history_pending.count(conv) > 0;
    ImGui::Dummy(ImVec2(0, 8));
    if (c.has_older) {
      ImVec2 p = ImGui::GetCursorScreenPos();
      if (loading) {
        spinner(ImVec2(p.x + width * 0.5f - 70, p.y + 10), 6, theme::kAccent);
        request_animation();
      }
      text_at(fonts().small, ImVec2(p.x + width * 0.5f - 56, p.y + 2), theme::kTextMuted,
              loading ? "Loading earlier messages\xe2\x80\xa6" : "Scroll up for earlier messages");
      ImGui::Dummy(ImVec2(0, 22));
      // Only when the reader went up (or everything fits): opening a conversation starts at
      // its newest message, not with a page load.
      const bool reader_at_top = ImGui::GetScrollY() <= 1.0f &&
                                 (ImGui::GetScrollMaxY() <= 0.0f || !ui.stick_bottom);
      if (!loading && reader_at_top && ui.seen_count > 0) {
        ui.keep_scroll[conv] = ImGui::GetScrollMaxY();
        app.load_older(conv);
      }
    } else {
      ImVec2 p = ImGui::GetCursorScreenPos();
      const std::string start = "This is the beginning of " +
                                (c.conversation.kind == ConversationKind::Topic ? "#" + c.title
                                                                                 : "your conversation with " + c.title) +
                                ".";
      text_at(fonts().small, ImVec2(p.x + 24, p.y), theme::kTextMuted, start);
      ImGui::Dummy(ImVec2(0, 20));
    }
  }
  const Message* last_own = nullptr;
  const Message* prev = nullptr;
  size_t shown = 0;
  for (const Message& m : c.messages) {
    if (main ? !m.parent_id.empty() : m.parent_id != thread_parent) continue;
    if (main && (!prev || !same_day(prev->sent_at, m.sent_at))) {
      day_separator(m.sent_at, width);
      prev = nullptr;
    }
    const bool compact = prev && prev->author_id == m.author_id && !prev->deleted &&
                         m.sent_at - prev->sent_at < kGroupSeconds;
    size_t replies = 0;
    if (main)
      for (const Message& r : c.messages)
        if (r.parent_id == m.id && !r.deleted) ++replies;
    if (!ui.jump_to.empty() && ui.jump_to == m.id && ui.jump_conversation == conv) {
      ImGui::SetScrollHereY(0.3f);
      ui.jump_conversation.clear();  // scrolled once; the highlight stays until another click
    }
    message_row(app, c, MessageView{&m, nullptr}, width, compact, !main, replies);
    if (m.author_id == app.session()->user.id && !m.deleted) last_own = &m;
    prev = &m;
    ++shown;
  }
  // "Seen by" under the last message when it is the user's own.
  const Message* newest = nullptr;
  for (const Message& m : c.messages)
    if (main ? m.parent_id.empty() : m.parent_id == thread_parent) newest = &m;
  if (main && last_own && newest == last_own) {
    const auto seen = seen_by(c, last_own->seq, last_own->author_id);
    if (!seen.empty()) {
      std::string names;
      for (size_t i = 0; i < seen.size() && i < 3; ++i) names += (i ? ", " : "") + first_name(seen[i]->name);
      if (seen.size() > 3) names += " and " + std::to_string(seen.size() - 3) + " more";
      ImGui::SetCursorPosX(width - text_size(fonts().small, "Seen by " + names).x - 24);
      text(fonts().small, theme::kTextMuted, "Seen by " + names);
      hook::record("Seen by");
    }
  }
  // Messages on their way come last, under the receipt of what was stored.
  for (const OutgoingMessage& o : ui.outgoing) {
    if (o.conversation_id != conv || o.parent_id != thread_parent) continue;
    if (!o.message_id.empty() && find_message(c, o.message_id)) continue;
    message_row(app, c, MessageView{nullptr, &o}, width, false, !main, 0);
    ++shown;
  }
  if (shown == 0 && !main) {
    ImGui::SetCursorPosX(20);
    text(fonts().small, theme::kTextMuted, "No replies yet.");
  }
  ImGui::Dummy(ImVec2(0, 8));
  // Keep the reader where they were when an older page lands above them.
  auto keep = ui.keep_scroll.find(conv);
  if (main && keep != ui.keep_scroll.end() && !ui.history_pending.count(conv)) {
    const float grown = ImGui::GetScrollMaxY() - keep->second;
    if (grown > 0) ImGui::SetScrollY(ImGui::GetScrollY() + grown);
    ui.keep_scroll.erase(keep);
  } else if (main) {
    const bool at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4;
    // New messages, or an image that finished loading and pushed the last lines down, keep a
    // reader who was at the bottom there.
    const bool grew = shown != ui.seen_count || ImGui::GetScrollMaxY() > ui.seen_scroll_max + 1;
    if (grew && ui.stick_bottom) {
      ImGui::SetScrollHereY(1.0f);
      request_animation();  // the scroll applies on the next frame
    } else if (ImGui::GetIO().MouseWheel != 0 && ImGui::IsWindowHovered()) ui.stick_bottom = at_bottom;
    ui.seen_count = shown;
    ui.seen_scroll_max = ImGui::GetScrollMaxY();
  } else {
    ImGui::SetScrollHereY(1.0f);
  }
  ImGui::EndChild();
}

// [SECTION] Composer

// A message box where Enter sends and Ctrl+Enter starts a new line. Returns true on Enter.
bool composer(App& app, const char* label, const char* id, char* buf, size_t size, float width,
              const char* hint, bool& focus, const Id& conv) {
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(12, 11));
  ImGui::PushStyleColor(ImGuiCol_FrameBg, theme::kCardBg);
  if (focus) {
    ImGui::SetKeyboardFocusHere();
    focus = false;
  }
  const bool enter = ImGui::InputTextMultiline(
      id, buf, size, ImVec2(width, 44),
      ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  hook::record(label);
  const bool active = ImGui::IsItemActive();
  if (ImGui::IsItemEdited() && buf[0]) app.note_typing(conv);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
  if (active)
    dl->AddRect(ImVec2(mn.x - 2, mn.y - 2), ImVec2(mx.x + 2, mx.y + 2), theme::kFocusRing,
                theme::kControlRounding + 2, 0, 3.0f);
  dl->AddRect(mn, mx, active ? theme::kAccent : theme::kInputBorder, theme::kControlRounding);
  if (!buf[0] && !active)
    text_at(fonts().body, ImVec2(mn.x + 12, mn.y + 12), theme::kTextFaint, hint);
  if (enter) {
    // The field keeps its own copy while active: let go of it so the cleared text shows.
    ImGui::ClearActiveID();
    focus = true;
  }
  return enter;
}

void composer_row(App& app, const Id& conv, const Id& parent, DraftBuffer& draft, bool& focus,
                  float width, const char* label, const char* send_label, const char* hint,
                  bool with_files = false) {
  // The box shows this conversation's (or thread's) draft, whatever it showed last frame.
  app.bind_draft(draft, parent.empty() ? conv : conv + "/" + parent);
  char* buf = draft.text;
  const size_t size = sizeof(draft.text);
  const float button_w = 84;
  const float attach_w = with_files ? 52 : 0;
  ImGui::SetCursorPosX(16);
  if (with_files) {
    attach_button();
    ImGui::SameLine(0, 8);
  }
  // One field per conversation: a field still active across a switch would carry its text.
  const bool enter = composer(app, label, (std::string("##") + label + conv).c_str(), buf, size,
                              width - 32 - button_w - 8 - attach_w, hint, focus, conv);
  ImGui::SameLine(0, 8);
  const AttachmentsUi& files = app.messages_ui().attachments;
  bool uploading = false;
  for (const PendingUpload& p : files.pending) uploading |= p.status == UploadStatus::Uploading;
  const bool can_send = (buf[0] != '\0' || (with_files && attachments_ready(files))) &&
                        !(with_files && (uploading || !attachments::problem(files).empty()));
  const bool click = button(send_label, ButtonKind::Primary, ImVec2(button_w, 44), nullptr, false,
                            can_send);
  if ((enter || click) && can_send && app.send_message(conv, buf, parent, with_files)) {
    buf[0] = '\0';
    app.keep_draft(draft);  // sent: no longer a draft, here or in the browser's storage
  }
}

// [SECTION] Conversation panel

void conversation_header(App& app, const MessagesState* list, const ConversationState& c,
                         float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  const bool topic = c.conversation.kind == ConversationKind::Topic;
  const std::string title = topic ? "# " + c.title : c.title;
  text_at(fonts().heading, ImVec2(p.x + 20, p.y + 14), theme::kText, title);
  std::string sub;
  if (topic) {
    sub = std::to_string(c.people.size()) + " people";
    for (size_t i = 0; i < c.people.size() && i < 4; ++i) sub += (i ? ", " : " \xc2\xb7 ") + c.people[i].name;
    if (c.people.size() > 4) sub += "\xe2\x80\xa6";
  } else {
    Id other;
    for (const Id& m : c.conversation.member_ids)
      if (m != app.session()->user.id) other = m;
    const Presence pr = list ? presence_of(*list, other) : Presence::Offline;
    sub = pr == Presence::Online ? "Online" : pr == Presence::Away ? "Away" : "Offline";
    const float tx = p.x + 20 + text_size(fonts().heading, title).x + 12;
    dl->AddCircleFilled(ImVec2(tx, p.y + 26), 4.5f,
                        pr == Presence::Online ? theme::kSuccess
                        : pr == Presence::Away ? theme::kWarning
                                               : theme::kTextFaint, 16);
  }
  text_at(fonts().small, ImVec2(p.x + 20, p.y + 38), theme::kTextMuted, fit(fonts().small, sub, width - 40));
  dl->AddLine(ImVec2(p.x, p.y + 64), ImVec2(p.x + width, p.y + 64), theme::kDivider);
  ImGui::Dummy(ImVec2(width, 65));
}

void thread_panel(App& app, const ConversationState& c, ImVec2 size) {
  MessagesUi& ui = app.messages_ui();
  const Message* parent = find_message(c, ui.thread);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  dl->AddLine(ImVec2(p.x, p.y), ImVec2(p.x, p.y + size.y), theme::kDivider);
  ImGui::BeginChild("##thread", size, false, ImGuiWindowFlags_NoScrollbar);
  text_at(fonts().heading, ImVec2(p.x + 20, p.y + 14), theme::kText, "Thread");
  ImGui::SetCursorPos(ImVec2(size.x - 64, 14));
  if (link_button("##close", "Close", theme::kTextMuted, "Close thread")) ui.thread.clear();
  ImGui::SetCursorPos(ImVec2(0, 52));
  if (!parent) {
    ImGui::SetCursorPosX(20);
    text(fonts().body, theme::kTextMuted, "This message is not loaded.");
    ImGui::EndChild();
    return;
  }
  message_row(app, c, MessageView{parent, nullptr}, size.x, false, true, 0);
  ImVec2 q = ImGui::GetCursorScreenPos();
  dl = ImGui::GetWindowDrawList();
  dl->AddLine(ImVec2(q.x + 16, q.y + 4), ImVec2(q.x + size.x - 16, q.y + 4), theme::kDivider);
  ImGui::Dummy(ImVec2(0, 8));
  const float list_h = size.y - ImGui::GetCursorPosY() - kComposerHeight - 8;
  message_list(app, c, "##replies", ImVec2(size.x, std::max(60.0f, list_h)), parent->id);
  ImGui::SetCursorPosY(size.y - kComposerHeight + 4);
  composer_row(app, c.conversation.id, parent->id, ui.thread_draft, ui.focus_thread, size.x,
               "Reply", "Send reply", "Reply in thread");
  ImGui::EndChild();
}

void conversation_panel(App& app, const MessagesState* list, const Id& conv, ImVec2 pos,
                        ImVec2 size, bool compact_mode, DraftBuffer& draft, bool& focus) {
  MessagesUi& ui = app.messages_ui();
  const ConversationState* c = app.replica().conversation(conversation_room(conv));
  if (!panel_begin(("##conv" + conv).c_str(), pos, size)) return panel_end();
  if (!c) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    spinner(ImVec2(p.x + size.x * 0.5f, p.y + size.y * 0.5f), 10, theme::kAccent);
    request_animation();
    return panel_end();
  }
  conversation_header(app, list, *c, size.x);
  const bool thread = !compact_mode && !ui.thread.empty();
  const float main_w = thread ? size.x - kThreadWidth : size.x;
  AttachmentsUi& files = ui.attachments;
  const float strip_h = compact_mode ? 0.0f : attachments_strip_height(files, main_w);
  const float body_h = size.y - 65 - kComposerHeight - 30 - strip_h;
  const ImVec2 body_pos = ImGui::GetCursorPos();
  message_list(app, *c, "##messages", ImVec2(main_w, body_h), {});
  // Typing indicator above the composer.
  ImGui::SetCursorPos(ImVec2(20, body_pos.y + body_h + 4));
  const std::string typing = typing_line(app, conv);
  text(fonts().small, theme::kTextMuted, typing.empty() ? std::string(" ") : typing);
  if (strip_h > 0) {
    ImGui::SetCursorPos(ImVec2(0, size.y - kComposerHeight - strip_h));
    attachments_strip(files, main_w);
  }
  ImGui::SetCursorPos(ImVec2(0, size.y - kComposerHeight));
  const std::string label = compact_mode ? "Message " + c->title : std::string("Message");
  static std::string labels[4];
  std::string* stored = &labels[0];
  if (compact_mode) {
    // Test-hook labels must outlive the frame: keep one per column.
    for (auto& l : labels)
      if (l == label || l.empty()) {
        stored = &l;
        break;
      }
    *stored = label;
  }
  composer_row(app, conv, {}, draft, focus, main_w, compact_mode ? stored->c_str() : "Message",
               compact_mode ? "Send" : "Send", compact_mode ? "Write a reply" : "Write a message",
               !compact_mode);
  if (thread) {
    ImGui::SetCursorPos(ImVec2(main_w, 65));
    thread_panel(app, *c, ImVec2(kThreadWidth, size.y - 65));
  }
  panel_end();
}

// [SECTION] Support view

// One conversation of the queue beyond the columns: a dot (waiting or answered), its title and
// how long it waits; clicked, it opens in the inbox.
bool queue_chip(const ConversationSummary& c, UnixTime now) {
  ImFont* f = fonts().small_strong;
  const std::string wait =
      c.awaiting_reply && c.last ? " \xc2\xb7 " + short_time(c.last->sent_at, now) : std::string();
  const float tw = text_size(f, c.title).x, ww = text_size(fonts().small, wait).x;
  const ImVec2 size(tw + ww + 38, 30);
  ImGui::PushID(c.conversation.id.c_str());
  const bool pressed = ImGui::InvisibleButton("##queued", size);
  ImGui::PopID();
  hook::record_owned("queue:" + c.title);
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  dl->AddRectFilled(min, max, hovered ? theme::kNeutralSoft : theme::kCardBg, size.y * 0.5f);
  dl->AddRect(min, max, theme::kCardBorder, size.y * 0.5f);
  dl->AddCircleFilled(ImVec2(min.x + 15, min.y + size.y * 0.5f), 4,
                      c.awaiting_reply ? theme::kWarningText : theme::kSuccessText);
  const float ty = std::floor(min.y + (size.y - font_px(f)) * 0.5f) - 1;
  text_at(f, ImVec2(min.x + 26, ty), theme::kTextSecondary, c.title);
  text_at(fonts().small, ImVec2(min.x + 26 + tw, ty), theme::kTextMuted, wait);
  return pressed;
}

void support_view(App& app, const MessagesState& s, ImVec2 pos, ImVec2 size) {
  MessagesUi& ui = app.messages_ui();
  const auto queue = support_queue(s);
  const size_t n = std::min(kSupportColumns, queue.size());
  if (n == 0) {
    ImGui::SetCursorScreenPos(pos);
    text(fonts().body, theme::kTextMuted, "No conversations yet.");
    return;
  }
  const UnixTime now = now_seconds(app);
  // The rest of the queue, in its order, on one line above the columns: what comes next, and
  // a way to any conversation without leaving the view for the list.
  if (queue.size() > n) {
    const float right = pos.x + size.x;
    text_at(fonts().small, ImVec2(pos.x, pos.y + 7), theme::kTextMuted, "Next in the queue");
    ImGui::SetCursorScreenPos(
        ImVec2(pos.x + text_size(fonts().small, "Next in the queue").x + 12, pos.y));
    size_t shown = n;
    for (; shown < queue.size(); ++shown) {
      // Leave room for "+N more" unless this is the last one.
      const float room =
          right - ImGui::GetCursorScreenPos().x - (shown + 1 < queue.size() ? 90 : 0);
      const float need = text_size(fonts().small_strong, queue[shown]->title).x + 120;
      if (need > room) break;
      if (queue_chip(*queue[shown], now)) {
        ui.support_view = false;
        app.open_conversation(queue[shown]->conversation.id);
      }
      ImGui::SameLine(0, 8);
    }
    if (shown < queue.size()) {
      const ImVec2 at = ImGui::GetCursorScreenPos();
      text_at(fonts().small, ImVec2(at.x + 4, pos.y + 7), theme::kTextMuted,
              "+" + std::to_string(queue.size() - shown) + " more in the inbox");
    }
    pos.y += kQueueBarHeight;
    size.y -= kQueueBarHeight;
  }
  const float gap = theme::kGap;
  const float w = std::floor((size.x - gap * (n - 1)) / n);
  for (size_t i = 0; i < n; ++i) {
    const ConversationSummary& c = *queue[i];
    app.open_conversation_column(c.conversation.id);
    ImVec2 p(pos.x + i * (w + gap), pos.y);
    // The column's state above the panel: waiting for an answer, or answered.
    std::string tag = c.awaiting_reply && c.last ? "Waiting " + short_time(c.last->sent_at, now)
                                                  : std::string("Answered");
    ImVec2 ps;
    pill(p, c.awaiting_reply ? "Unanswered" : "Answered",
         c.awaiting_reply ? theme::kWarningSoft : theme::kSuccessSoft,
         c.awaiting_reply ? theme::kWarningText : theme::kSuccessText, &ps);
    text_at(fonts().small, ImVec2(p.x + ps.x + 4, p.y + 3), theme::kTextMuted,
            c.org_name + (c.awaiting_reply && c.last ? " \xc2\xb7 since " + short_time(c.last->sent_at, now) : std::string()));
    conversation_panel(app, &s, c.conversation.id, ImVec2(p.x, p.y + 30), ImVec2(w, size.y - 30),
                       true, ui.column_drafts[i], ui.column_focus[i]);
  }
}

}  // namespace

// [SECTION] New message

namespace {

// One person of the "New message" list: avatar, name, and whose team they are on.
bool person_row(const PersonChoice& p, bool selected, float width) {
  const float h = 52;
  const ImVec2 min = ImGui::GetCursorScreenPos();
  ImGui::PushID(p.id.c_str());
  const bool clicked = ImGui::InvisibleButton("##person", ImVec2(width, h));
  ImGui::PopID();
  hook::record_owned("person:" + p.name);
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 max(min.x + width, min.y + h);
  if (selected || hovered)
    dl->AddRectFilled(min, max, selected ? theme::kAccentSoft : theme::kNeutralSoft,
                      theme::kControlRounding);
  avatar(ImVec2(min.x + 26, min.y + h * 0.5f), 16, p.id, p.name);
  text_at(fonts().body_strong, ImVec2(min.x + 52, min.y + 7), theme::kText, p.name);
  text_at(fonts().small, ImVec2(min.x + 52, min.y + 28), theme::kTextMuted,
          p.vendor ? p.org_name + " \xc2\xb7 vendor team" : p.org_name);
  if (selected) {
    const ImVec2 cs = text_size(fonts().body, icon::kCheck);
    text_at(fonts().body, ImVec2(max.x - 16 - cs.x, min.y + (h - cs.y) * 0.5f), theme::kAccent,
            icon::kCheck);
  }
  return clicked;
}

}  // namespace

void new_message_form(App& app) {
  NewMessageUi& f = app.messages_ui().new_message;
  const bool vendor = app.is_vendor();
  const ModalLook look{"New message", "New message",
                       vendor ? "Write to someone at one of your partners, or open a channel for "
                                "a partner's team."
                              : "Write to the vendor's team or to a colleague.",
                       520.0f};
  const ModalFlags flags{f.open, f.request_open, f.request_close, f.focus_first};
  const bool busy = !f.create_pending.empty();
  float inner = 0;
  bool focus = false;
  if (!modal_begin(look, flags, busy, f.error, inner, focus)) return;
  if (vendor) {
    // Two kinds of conversation: the same modal, its fields per kind.
    if (chip("Direct message", "Direct message", !f.channel) && !busy) f.channel = false;
    ImGui::SameLine(0, 8);
    if (chip("Channel", "Channel", f.channel) && !busy) f.channel = true;
    ImGui::Dummy(ImVec2(0, 4));
  }
  const ImGuiInputTextFlags lock = busy ? ImGuiInputTextFlags_ReadOnly : 0;
  bool enter = false;
  constexpr float kListHeight = 5 * 52 + 8;
  if (f.channel) {
    // The partner whose people the channel is for (they all see it), and its name.
    const float top = ImGui::GetCursorPosY();
    // A field's error goes once the user changes it.
    const std::string title_before = f.title;
    const Id partner_before = f.partner;
    enter = text_field("Channel name", "##new-channel-title", f.title, sizeof(f.title), inner,
                       first_error(f.errors, {"title"}), lock, "Healthcare launch", focus);
    if (title_before != f.title)
      std::erase_if(f.errors, [](const FieldError& e) { return e.field == "title"; });
    ImGui::Dummy(ImVec2(0, 2));
    text(fonts().small_strong, theme::kTextSecondary, "Partner");
    ImGui::Dummy(ImVec2(0, 0));
    partner_picker(app, f.partner_search, f.partner, f.partner_name, inner, busy,
                   "Partner: ", "##new-channel-partner");
    if (partner_before != f.partner)
      std::erase_if(f.errors, [](const FieldError& e) { return e.field == "org_id"; });
    if (const std::string_view e = first_error(f.errors, {"org_id"}); !e.empty())
      text(fonts().small, theme::kDanger, e);
    text(fonts().small, theme::kTextMuted,
         "Everyone at the partner sees the channel; you are its first member.");
    // The same height as the people list, so switching kinds does not resize the modal.
    const float used = ImGui::GetCursorPosY() - top;
    if (used < kListHeight + 50) ImGui::Dummy(ImVec2(0, kListHeight + 50 - used));
  } else {
    enter = text_field("To", "##new-message-to", f.query, sizeof(f.query), inner, {}, lock,
                       "Name or e-mail", focus);
    app.ask_people();  // what was typed, once the last answer is in
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::BeginChild("##people", ImVec2(inner, kListHeight), false);
    if (!f.answered) {
      spinner(
          ImVec2(ImGui::GetCursorScreenPos().x + inner * 0.5f, ImGui::GetCursorScreenPos().y + 40),
          10, theme::kAccent);
    } else if (f.people.empty()) {
      ImGui::Dummy(ImVec2(0, 16));
      text(fonts().body, theme::kTextMuted, "Nobody you can write to matches \"" + f.asked + "\".");
    }
    for (const PersonChoice& p : f.people)
      if (person_row(p, p.id == f.chosen, inner - 8) && !busy) f.chosen = p.id;
    ImGui::EndChild();
    enter = enter && !f.chosen.empty();
  }
  if (modal_end(flags, f.channel ? "Open channel" : "Open conversation", 190, busy, enter,
                icon::kComments, 14, ButtonKind::Primary, f.channel || !f.chosen.empty()))
    app.start_conversation();
}

// [SECTION] Room

void messages_room(App& app) {
  MessagesUi& ui = app.messages_ui();
  attachments_frame(app);
  if (!ui.view_chosen) {
    ui.view_chosen = true;
    ui.support_view = app.session()->user.role == Role::SupportStaff;
  }
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  text(fonts().title, theme::kText, "Messages");
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 4);
  const MessagesState* list = app.replica().messages();
  std::string subtitle = app.is_vendor() ? "Your partners' conversations, live"
                                         : "Live conversations with your partner team";
  if (list && app.is_vendor() && ui.support_view) {
    // The support view's backlog: how many wait for an answer, and since when the longest.
    const auto queue = support_queue(*list);
    const size_t waiting = static_cast<size_t>(
        std::count_if(queue.begin(), queue.end(),
                      [](const ConversationSummary* c) { return c->awaiting_reply; }));
    subtitle = waiting == 0 ? std::string("Every conversation is answered")
                            : std::to_string(waiting) +
                                  (waiting == 1 ? " conversation waits" : " conversations wait") +
                                  " for an answer";
    if (waiting > 0 && queue.front()->last)
      subtitle +=
          ", the longest since " + short_time(queue.front()->last->sent_at, now_seconds(app));
  } else if (list && total_unread(*list) > 0) {
    subtitle += " \xc2\xb7 " + std::to_string(total_unread(*list)) + " unread";
  }
  text(fonts().body, theme::kTextMuted, subtitle);
  if (app.is_vendor()) {
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(top.x + width - 250, top.y + 6));
    if (button("Inbox", ui.support_view ? ButtonKind::Secondary : ButtonKind::Primary, ImVec2(96, 36)))
      ui.support_view = false;
    ImGui::SameLine(0, 4);
    if (button("Support view", ui.support_view ? ButtonKind::Primary : ButtonKind::Secondary,
               ImVec2(150, 36)))
      ui.support_view = true;
    ImGui::SetCursorScreenPos(after);
  }
  ImGui::Dummy(ImVec2(0, 8));
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  // The room fills the page to its bottom margin without making the page scroll.
  const float height = std::max(420.0f, ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - pos.y -
                                            2 * theme::kPageMargin - 2);
  if (!list) {
    spinner(ImVec2(pos.x + width * 0.5f, pos.y + 80), 12, theme::kAccent);
    request_animation();
    ImGui::Dummy(ImVec2(width, height));
    return;
  }
  if (app.is_vendor() && ui.support_view) {
    support_view(app, *list, pos, ImVec2(width, height));
    ImGui::SetCursorScreenPos(pos);
    ImGui::Dummy(ImVec2(width, height));
    return;
  }
  // Open the most recent conversation the first time; keep the open one read.
  if (ui.open.empty() && !list->conversations.empty())
    app.open_conversation(list->conversations.front().conversation.id);
  else if (!ui.open.empty())
    app.mark_read(ui.open);
  conversation_list(app, *list, pos, ImVec2(kListWidth, height));
  const ImVec2 right(pos.x + kListWidth + theme::kGap, pos.y);
  const ImVec2 right_size(width - kListWidth - theme::kGap, height);
  if (ui.open.empty()) {
    panel_begin("##empty", right, right_size);
    ImVec2 p = ImGui::GetCursorScreenPos();
    text_at(fonts().heading, ImVec2(p.x + 32, p.y + 32), theme::kText, "No conversation open");
    text_at(fonts().body, ImVec2(p.x + 32, p.y + 60), theme::kTextMuted,
            "Pick a conversation on the left to read and reply.");
    panel_end();
  } else {
    conversation_panel(app, list, ui.open, right, right_size, false, ui.draft, ui.focus_draft);
  }
  ImGui::SetCursorScreenPos(pos);
  ImGui::Dummy(ImVec2(width, height));
}

}  // namespace portal::client::ui
