// The few things the app asks of the page, in one place (JS via EM_JS): the server address,
// localStorage, the URL fragment, online state, randomness, clipboard and the ready flag.
#pragma once
#include <cstdint>
#include <string>

namespace portal::client::browser {

// "ws://host/ws" or "wss://host/ws" for the page's own origin.
std::string websocket_url();
std::string local_get(const char* key);
void local_set(const char* key, const std::string& value);
void local_remove(const char* key);
// The room named by the URL fragment ("#/leads" -> "leads"), or "".
std::string location_room();
void set_location_room(const std::string& room);
bool online();
uint32_t random_u32();  // crypto.getRandomValues
double random_unit();   // Math.random
void write_clipboard(const char* text);
// Sets window.ppReady and removes the loading text.
void announce_ready();

}  // namespace portal::client::browser
