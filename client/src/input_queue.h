// Keyboard and mouse-button events, replayed into ImGui at a pace it can see.
//
// Dear ImGui 1.86 polls key state once per frame. A browser (or a test driver) can press and
// release a key, or press Tab and type the next field's text, between two frames; fed straight
// through, ImGui would never see the key down, or the text would land in the previous field.
// So events wait here, and each frame takes them in order up to a point where a frame must be
// drawn before going on: the release of a non-text key pressed this frame, after a focus key
// (Tab, Enter, Escape) one frame more, and before and after a mouse press.
#pragma once
#include <cstdint>
#include <deque>

struct GLFWwindow;

namespace portal::client {

class InputQueue {
 public:
  void push_key(int key, int scancode, int action, int mods);
  void push_char(unsigned int codepoint);
  void push_mouse_button(int button, int action, int mods);
  // Replays events into the ImGui GLFW backend; call before ImGui_ImplGlfw_NewFrame().
  void drain(GLFWwindow* window);
  // True while events wait or a key that ImGui repeats is held: more frames are needed.
  bool busy() const;

 private:
  enum class Kind : uint8_t { Key, Char, MouseButton };
  struct Event {
    Kind kind;
    int code;  // key, codepoint or button
    int scancode;
    int action;
    int mods;
  };
  std::deque<Event> events_;
  int hold_frames_ = 0;
};

}  // namespace portal::client
