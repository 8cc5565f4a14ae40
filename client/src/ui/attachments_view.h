// How attachments look in the Messages room: the paperclip button and the strip of files being
// uploaded above the composer, and the images and file chips of a sent message.
#pragma once
#include "attachments.h"
#include "imgui.h"
#include "portal/model/messaging.h"

namespace portal::client {
class App;
}

namespace portal::client::ui {

// Keeps the page's token current and reads upload progress (call once per frame of the room).
void attachments_frame(App& app);
// The height the strip of pending files takes above the composer, `width` wide (0 when there
// are none): rows of chips, and a line saying why they cannot be sent, if they cannot.
float attachments_strip_height(const AttachmentsUi& ui, float width);
// Draws the strip at the cursor, `width` wide.
void attachments_strip(AttachmentsUi& ui, float width);
// The 44 px paperclip button at the cursor; opens the file picker.
void attach_button();
// True when the composer may send its files (some are ready, none is still uploading, and no
// more than a message may carry).
bool attachments_ready(const AttachmentsUi& ui);
// The attachments of `m` at the cursor, `width` wide: images as thumbnails, other files as chips
// with their size and a download link.
void message_attachments(const Message& m, float width);

}  // namespace portal::client::ui
