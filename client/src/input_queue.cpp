#include "input_queue.h"

#include <GLFW/glfw3.h>

#include "imgui.h"
#include "imgui_impl_glfw.h"

namespace portal::client {
namespace {

bool is_modifier(int key) {
  return key >= GLFW_KEY_LEFT_SHIFT && key <= GLFW_KEY_RIGHT_SUPER;
}

// Keys ImGui must see held for a frame: everything that is not plain text input, and letter
// shortcuts (Ctrl/Cmd + A, C, V, X, Y, Z).
bool needs_frame(int key, int mods) {
  if (is_modifier(key)) return false;
  if (key >= GLFW_KEY_ESCAPE) return true;
  return (mods & (GLFW_MOD_CONTROL | GLFW_MOD_SUPER)) != 0;
}

bool moves_focus(int key) {
  return key == GLFW_KEY_TAB || key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER ||
         key == GLFW_KEY_ESCAPE;
}

}  // namespace

void InputQueue::push_key(int key, int scancode, int action, int mods) {
  events_.push_back({Kind::Key, key, scancode, action, mods});
}

void InputQueue::push_char(unsigned int codepoint) {
  events_.push_back({Kind::Char, int(codepoint), 0, 0, 0});
}

void InputQueue::push_mouse_button(int button, int action, int mods) {
  events_.push_back({Kind::MouseButton, button, 0, action, mods});
}

void InputQueue::drain(GLFWwindow* window) {
  if (hold_frames_ > 0) {
    --hold_frames_;
    return;
  }
  int pressed[8];
  int n_pressed = 0;
  bool applied = false;
  while (!events_.empty()) {
    const Event e = events_.front();
    if (e.kind == Kind::MouseButton) {
      // A click starts a frame of its own, and text after it waits for the next one, so keys
      // typed before a click reach the field they were typed into.
      if (e.action == GLFW_PRESS && applied) break;
      events_.pop_front();
      ImGui_ImplGlfw_MouseButtonCallback(window, e.code, e.action, e.mods);
      if (e.action == GLFW_PRESS) break;
      applied = true;
      continue;
    }
    if (e.kind == Kind::Char) {
      events_.pop_front();
      ImGui_ImplGlfw_CharCallback(window, unsigned(e.code));
      applied = true;
      continue;
    }
    const bool framed = needs_frame(e.code, e.mods);
    if (e.action == GLFW_RELEASE && framed) {
      bool pressed_now = false;
      for (int i = 0; i < n_pressed; ++i) pressed_now |= pressed[i] == e.code;
      if (pressed_now) break;  // let this frame see the key down; release it next frame
    }
    events_.pop_front();
    ImGui_ImplGlfw_KeyCallback(window, e.code, e.scancode, e.action, e.mods);
    applied = true;
    if (e.action != GLFW_RELEASE && framed) {
      if (n_pressed == 8) break;
      pressed[n_pressed++] = e.code;
    }
    if (e.action == GLFW_RELEASE && moves_focus(e.code)) {
      hold_frames_ = 1;  // focus moves in the coming frame; text after it waits one more
      break;
    }
  }
}

bool InputQueue::busy() const {
  if (!events_.empty() || hold_frames_ > 0) return true;
  const ImGuiIO& io = ImGui::GetIO();
  for (int k = GLFW_KEY_ESCAPE; k < GLFW_KEY_LEFT_SHIFT && k < IM_ARRAYSIZE(io.KeysDown); ++k)
    if (io.KeysDown[k]) return true;  // ImGui repeats held keys (Backspace, arrows) per frame
  return false;
}

}  // namespace portal::client
