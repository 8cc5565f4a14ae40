// The browser tests' window into the app (exported C functions, see test_hook.cpp):
// widget rectangles by visible label from the last rendered frame, named state as JSON,
// and an idle flag. The UI records rectangles with record() right after a widget.
#pragma once
#include <string_view>

#include "imgui.h"

namespace portal::client {
class App;
}

namespace portal::client::hook {

void attach(App* app);
// Records the last item's rectangle (ImGui::GetItemRectMin/Max) under `label`.
// `label` must outlive the frame (a literal or a static string).
void record(std::string_view label);
void record_rect(std::string_view label, ImVec2 min, ImVec2 max);
// Records the last item under a label made this frame ("lead:Globex"): the text is copied into
// storage that lives as long as the frame's rectangles.
void record_owned(std::string_view label);
// Makes this frame's rectangles the "last rendered frame" ones.
void end_frame();
// Text the browser pasted (Ctrl+V), served to ImGui's clipboard getter.
const char* pasted_text();

}  // namespace portal::client::hook
