#include "browser.h"

#include <emscripten.h>

#include <cstring>

// clang-format off
EM_JS(void, pp_js_ws_url, (char* out, int size), {
  var proto = location.protocol === "https:" ? "wss://" : "ws://";
  stringToUTF8(proto + location.host + "/ws", out, size);
});
EM_JS(int, pp_js_local_size, (const char* key), {
  var v = null;
  try { v = window.localStorage.getItem(UTF8ToString(key)); } catch (e) {}
  return v === null ? 0 : v.length * 3 + 1;  // an upper bound of its UTF-8 size
});
EM_JS(void, pp_js_local_get, (const char* key, char* out, int size), {
  var v = null;
  try { v = window.localStorage.getItem(UTF8ToString(key)); } catch (e) {}
  stringToUTF8(v === null ? "" : v, out, size);
});
EM_JS(void, pp_js_local_set, (const char* key, const char* value), {
  try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});
EM_JS(void, pp_js_local_remove, (const char* key), {
  try { window.localStorage.removeItem(UTF8ToString(key)); } catch (e) {}
});
// The keys starting with `prefix`, one per line (keys of ours never hold a line break).
EM_JS(int, pp_js_local_keys_size, (const char* prefix), {
  var p = UTF8ToString(prefix), n = 1;
  try {
    for (var i = 0; i < window.localStorage.length; ++i) {
      var k = window.localStorage.key(i);
      if (k !== null && k.startsWith(p)) n += k.length * 3 + 1;
    }
  } catch (e) {}
  return n;
});
EM_JS(void, pp_js_local_keys, (const char* prefix, char* out, int size), {
  var p = UTF8ToString(prefix), keys = [];
  try {
    for (var i = 0; i < window.localStorage.length; ++i) {
      var k = window.localStorage.key(i);
      if (k !== null && k.startsWith(p)) keys.push(k);
    }
  } catch (e) {}
  stringToUTF8(keys.join("\n"), out, size);
});
EM_JS(void, pp_js_hash_room, (char* out, int size), {
  var h = location.hash || "";
  while (h.length && (h[0] === "#" || h[0] === "/")) h = h.substring(1);
  stringToUTF8(h, out, size);
});
EM_JS(void, pp_js_set_hash_room, (const char* room), {
  try { history.replaceState(null, "", "#/" + UTF8ToString(room)); } catch (e) {}
});
EM_JS(void, pp_js_push_route, (const char* route), {
  try { history.pushState(null, "", "#/" + UTF8ToString(route)); } catch (e) {}
});
EM_JS(void, pp_js_replace_route, (const char* route), {
  try { history.replaceState(null, "", "#/" + UTF8ToString(route)); } catch (e) {}
});
// Back and forward fire popstate; the app polls for it once per animation frame. The listener
// is added on first use, so a page that never asks has none.
EM_JS(int, pp_js_take_popped, (), {
  if (!window.ppRouteListener) {
    window.ppRouteListener = true;
    window.ppPopped = false;
    window.addEventListener("popstate", function() { window.ppPopped = true; });
    window.addEventListener("hashchange", function() { window.ppPopped = true; });
  }
  var p = window.ppPopped;
  window.ppPopped = false;
  return p ? 1 : 0;
});
EM_JS(int, pp_js_online, (), { return navigator.onLine === false ? 0 : 1; });
EM_JS(int, pp_js_random_u32, (), {
  var a = new Uint32Array(1);
  if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(a);
  else a[0] = Math.floor(Math.random() * 4294967296);
  return a[0] | 0;
});
EM_JS(double, pp_js_random_unit, (), { return Math.random(); });
EM_JS(void, pp_js_write_clipboard, (const char* text), {
  try { navigator.clipboard.writeText(UTF8ToString(text)); } catch (e) {}
});
EM_JS(void, pp_js_announce_ready, (), {
  window.ppReady = true;
  var l = document.getElementById("loading");
  if (l) l.remove();
});
// clang-format on

namespace portal::client::browser {

std::string websocket_url() {
  char buf[512] = {0};
  pp_js_ws_url(buf, sizeof(buf));
  return buf;
}

std::string local_get(const char* key) {
  // Sized to the value: the unsent messages kept there reach hundreds of KB.
  const int size = pp_js_local_size(key);
  if (size <= 1) return {};
  std::string value(static_cast<size_t>(size), '\0');
  pp_js_local_get(key, value.data(), size);
  value.resize(std::strlen(value.c_str()));
  return value;
}

std::vector<std::string> local_keys(const char* prefix) {
  const int size = pp_js_local_keys_size(prefix);
  std::string joined(static_cast<size_t>(size), '\0');
  pp_js_local_keys(prefix, joined.data(), size);
  joined.resize(std::strlen(joined.c_str()));
  std::vector<std::string> keys;
  for (size_t start = 0; start < joined.size();) {
    size_t end = joined.find('\n', start);
    if (end == std::string::npos) end = joined.size();
    keys.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return keys;
}

void local_set(const char* key, const std::string& value) {
  pp_js_local_set(key, value.c_str());
}
void local_remove(const char* key) {
  pp_js_local_remove(key);
}

std::string location_room() {
  char buf[64] = {0};
  pp_js_hash_room(buf, sizeof(buf));
  return buf;
}

void set_location_room(const std::string& room) {
  pp_js_set_hash_room(room.c_str());
}
std::string location_route() {
  // Room names are short and ids at most 64 bytes: a longer fragment is not ours.
  char buf[160] = {0};
  pp_js_hash_room(buf, sizeof(buf));
  return buf;
}
void push_route(const std::string& route) {
  pp_js_push_route(route.c_str());
}
void replace_route(const std::string& route) {
  pp_js_replace_route(route.c_str());
}
bool take_popped() {
  return pp_js_take_popped() != 0;
}

bool online() {
  return pp_js_online() != 0;
}
uint32_t random_u32() {
  return uint32_t(pp_js_random_u32());
}
double random_unit() {
  return pp_js_random_unit();
}
void write_clipboard(const char* text) {
  pp_js_write_clipboard(text);
}
void announce_ready() {
  pp_js_announce_ready();
}

}  // namespace portal::client::browser
