// One function per screen or room; each draws into the full-screen root window.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "portal/rooms/accounts.h"

namespace portal::client {
class App;
struct PartnerSearchUi;
}

namespace portal::client::ui {

void connecting_screen(App& app);  // ui/connecting_screen.cpp
void login_screen(App& app);       // ui/login_screen.cpp
void invite_screen(App& app);      // ui/invite_screen.cpp: #/invite/<token>
void shell(App& app);              // ui/shell.cpp: navigation, header, the current room
void overview_room(App& app);      // ui/overview_room.cpp
void leads_room(App& app);         // ui/leads_room.cpp
void deals_room(App& app);         // ui/deals_room.cpp
void accounts_room(App& app);      // ui/accounts_room.cpp
// The four success-metric tiles of the Customer accounts room (also on the Overview), `width`
// wide at the cursor: savings opportunity, net missed revenue, missing CPPOs, lifetime revenue.
void success_tiles(const AccountTotals& totals, int32_t accounts, const std::string& currency,
                   float width);
void program_room(App& app);       // ui/program_room.cpp
void messages_room(App& app);      // ui/messages_room.cpp
void new_message_form(App& app);   // ui/messages_room.cpp: the "New message" modal
// ui/partner_picker.cpp: a form's partner found by typing its name; the chosen one and the
// matches as chips ("<prefix><name>" labels), then the "Find a partner" field (`field_id`).
// `after_chip`: the chips continue the line of a chip drawn just before.
void partner_picker(App& app, PartnerSearchUi& search, Id& chosen, std::string& chosen_name,
                    float inner, bool busy, const char* prefix, const char* field_id,
                    bool after_chip = false);
void coming_soon_room(App& app, std::string_view room);  // ui/coming_soon_room.cpp
// The designed "coming soon" card of a room not built yet, `width` wide at the cursor.
void coming_soon_card(std::string_view room, float width);
// ui/contacts_room.cpp: the directory and, for those who may invite, "Team & invitations".
void contacts_room(App& app);
void invite_form(App& app);     // ui/contacts_room.cpp: the "Invite someone" modal
void revoke_confirm(App& app);  // ui/contacts_room.cpp: "Revoke this invitation?"
void lead_form(App& app);      // ui/lead_form.cpp: the "Submit a lead" modal
void account_form(App& app);   // ui/account_form.cpp: the "Add account" modal
void announcement_form(App& app);  // ui/announcement_form.cpp: the vendor's "Post announcement"
// ui/missing_item.cpp: a deep link to a deal or lead ("deal"/"lead") the user cannot see.
void missing_item(App& app, std::string_view noun, float width);
void toast_overlay(App& app);  // ui/toast.cpp

// The Font Awesome glyph and the label of a room by wire name.
const char* room_icon(std::string_view room);
std::string_view room_title(std::string_view room);
// The logo mark: an indigo rounded square with a handshake, `size` CSS px.
void logo_mark(float x, float y, float size);
// True once per frame if something drew an animation (spinner) and wants the next frame.
bool take_animation_request();
void request_animation();

}  // namespace portal::client::ui
