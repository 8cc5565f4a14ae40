// The app's typefaces: Inter (Regular, SemiBold, Bold) with Font Awesome merged in, rasterised
// at the device pixel ratio so text stays sharp; sizes below are in CSS pixels.
#pragma once

struct ImFont;

namespace portal::client {

struct Fonts {
  ImFont* body = nullptr;          // Inter Regular 15 + icons
  ImFont* body_strong = nullptr;   // Inter SemiBold 15 + icons
  ImFont* small = nullptr;         // Inter Regular 13 + icons
  ImFont* small_strong = nullptr;  // Inter SemiBold 13, field labels and column heads
  ImFont* heading = nullptr;       // Inter SemiBold 17, card titles
  ImFont* title = nullptr;         // Inter Bold 26, page titles
  ImFont* figure = nullptr;        // Inter SemiBold 26, stat figures
  ImFont* icon_large = nullptr;    // Font Awesome 26, empty states and logo mark
};

// The fonts of the current atlas; valid after load_fonts().
const Fonts& fonts();
// (Re)builds the atlas for `dpr` device pixels per CSS pixel and sets io.FontGlobalScale.
// Re-creates the GL texture when `upload` is set (i.e. after the renderer is initialised).
void load_fonts(float dpr, bool upload);

}  // namespace portal::client
