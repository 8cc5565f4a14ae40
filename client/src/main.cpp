// The browser host: GLFW + WebGL2 set-up, the canvas sized to CSS px × devicePixelRatio, and a
// main loop that draws only when the app has something to show.
// Index:
// [SECTION] Host state
// [SECTION] Input callbacks
// [SECTION] Frame
// [SECTION] main
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cmath>
#include <cstdio>

#include "app.h"
#include "attachments.h"
#include "browser.h"
#include "fonts.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "input_queue.h"
#include "test_hook.h"
#include "theme.h"
#include "ui/screens.h"

namespace portal::client {
namespace {

// [SECTION] Host state

// Lives on the heap: emscripten_set_main_loop leaves main() by unwinding.
struct Host {
  GLFWwindow* window = nullptr;
  App* app = nullptr;
  double dpr = 0;
  int fb_w = 0, fb_h = 0;
  double css_w = 0, css_h = 0;
  bool announced_ready = false;
  InputQueue input;
};
Host* g_host = nullptr;

// [SECTION] Input callbacks
// Installed before ImGui's so its backend chains to them: every input wakes the app.

void on_key(GLFWwindow*, int, int, int, int) {
  g_host->app->mark_dirty();
}
void on_char(GLFWwindow*, unsigned int) {
  g_host->app->mark_dirty();
}
void on_mouse_button(GLFWwindow*, int, int, int) {
  g_host->app->mark_dirty();
}
void on_cursor_pos(GLFWwindow*, double, double) {
  g_host->app->mark_dirty();
}
void on_scroll(GLFWwindow*, double, double) {
  g_host->app->mark_dirty();
}
void on_focus(GLFWwindow*, int) {
  g_host->app->mark_dirty();
}
void on_cursor_enter(GLFWwindow*, int) {
  g_host->app->mark_dirty();
}

// Installed after ImGui's: keys, characters and clicks wait in the queue (see input_queue.h).
void queue_key(GLFWwindow*, int key, int scancode, int action, int mods) {
  g_host->input.push_key(key, scancode, action, mods);
  g_host->app->mark_dirty();
}
void queue_char(GLFWwindow*, unsigned int c) {
  g_host->input.push_char(c);
  g_host->app->mark_dirty();
}
void queue_mouse_button(GLFWwindow*, int button, int action, int mods) {
  g_host->input.push_mouse_button(button, action, mods);
  g_host->app->mark_dirty();
}

void set_clipboard(void*, const char* text) {
  browser::write_clipboard(text);
}
const char* get_clipboard(void*) {
  return hook::pasted_text();
}

// [SECTION] Frame

// Keeps the canvas backing store at CSS size × devicePixelRatio; returns true on a change.
bool sync_canvas_size(Host& h) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  double dpr = emscripten_get_device_pixel_ratio();
  if (css_w < 1 || css_h < 1) return false;
  int fb_w = int(std::lround(css_w * dpr));
  int fb_h = int(std::lround(css_h * dpr));
  bool changed = false;
  if (fb_w != h.fb_w || fb_h != h.fb_h || css_w != h.css_w || css_h != h.css_h) {
    emscripten_set_canvas_element_size("#canvas", fb_w, fb_h);
    h.fb_w = fb_w;
    h.fb_h = fb_h;
    h.css_w = css_w;
    h.css_h = css_h;
    changed = true;
  }
  if (dpr != h.dpr) {
    const bool first = h.dpr == 0;
    h.dpr = dpr;
    load_fonts(float(dpr), !first);
    changed = true;
  }
  return changed;
}

void frame() {
  Host& h = *g_host;
  if (sync_canvas_size(h)) h.app->mark_dirty();
  if (ui::take_animation_request()) h.app->mark_dirty(1);
  // Upload progress, a dropped file or a decoded image happened in the page.
  if (attachments::page_changed()) h.app->mark_dirty(1);
  if (!h.app->wants_frame(emscripten_get_now())) return;  // idle: no NewFrame, no Render

  h.input.drain(h.window);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  // Our own sizes: GLFW's window size does not follow the canvas, and its mouse coordinates
  // are in backing-store pixels; ImGui works in CSS pixels.
  io.DisplaySize = ImVec2(float(h.css_w), float(h.css_h));
  io.DisplayFramebufferScale = ImVec2(float(h.fb_w / h.css_w), float(h.fb_h / h.css_h));
  if (io.MousePos.x > -FLT_MAX && io.MousePos.y > -FLT_MAX) {
    io.MousePos.x *= float(h.css_w / h.fb_w);
    io.MousePos.y *= float(h.css_h / h.fb_h);
  }

  ImGui::NewFrame();
  h.app->draw();
  ImGui::Render();
  hook::end_frame();

  glViewport(0, 0, h.fb_w, h.fb_h);
  ImVec4 bg = theme::vec(theme::kPageBg);
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  h.app->frame_done();
  if (h.input.busy()) h.app->mark_dirty(1);

  if (!h.announced_ready) {
    h.announced_ready = true;
    browser::announce_ready();
  }
}

}  // namespace
}  // namespace portal::client

// [SECTION] main

int main() {
  using namespace portal::client;
  if (!glfwInit()) {
    std::fprintf(stderr, "glfwInit failed\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);

  g_host = new Host();
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  g_host->window = glfwCreateWindow(std::max(1, int(css_w)), std::max(1, int(css_h)),
                                    "Partner Portal", nullptr, nullptr);
  if (!g_host->window) {
    std::fprintf(stderr, "glfwCreateWindow failed\n");
    return 1;
  }
  glfwMakeContextCurrent(g_host->window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;

  GLFWwindow* w = g_host->window;
  glfwSetKeyCallback(w, on_key);
  glfwSetCharCallback(w, on_char);
  glfwSetMouseButtonCallback(w, on_mouse_button);
  glfwSetCursorPosCallback(w, on_cursor_pos);
  glfwSetScrollCallback(w, on_scroll);
  glfwSetWindowFocusCallback(w, on_focus);
  glfwSetCursorEnterCallback(w, on_cursor_enter);
  ImGui_ImplGlfw_InitForOpenGL(w, true);
  // The backend chained the callbacks above; keys, characters and clicks are now taken over
  // by the queue, which hands them to the backend's callbacks frame by frame.
  glfwSetKeyCallback(w, queue_key);
  glfwSetCharCallback(w, queue_char);
  glfwSetMouseButtonCallback(w, queue_mouse_button);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  io.SetClipboardTextFn = set_clipboard;
  io.GetClipboardTextFn = get_clipboard;

  theme::apply_style();
  g_host->app = new App();
  hook::attach(g_host->app);
  sync_canvas_size(*g_host);  // also loads the fonts at the current pixel ratio
  g_host->app->start();

  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
