// The few things the app asks of the page, in one place (JS via EM_JS): the server address,
// localStorage, the URL fragment, online state, randomness, clipboard and the ready flag.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace portal::client::browser {

// "ws://host/ws" or "wss://host/ws" for the page's own origin.
std::string websocket_url();
std::string local_get(const char* key);
void local_set(const char* key, const std::string& value);
// Every key of this origin's localStorage that starts with `prefix`.
std::vector<std::string> local_keys(const char* prefix);
void local_remove(const char* key);
// The room named by the URL fragment ("#/leads" -> "leads"), or "".
std::string location_room();
void set_location_room(const std::string& room);
// Deep links: the route is the fragment without "#/": "deals/d_123", "leads", "overview".
std::string location_route();
// A new history entry for `route` (back returns to the previous one).
void push_route(const std::string& route);
// Changes the URL to `route` without a new history entry.
void replace_route(const std::string& route);
// True once after the user moved through history (back/forward) or edited the fragment.
bool take_popped();
bool online();
uint32_t random_u32();  // crypto.getRandomValues
double random_unit();   // Math.random
void write_clipboard(const char* text);
// Sets window.ppReady and removes the loading text.
void announce_ready();

}  // namespace portal::client::browser
