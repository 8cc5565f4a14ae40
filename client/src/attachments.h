// Message attachments in the browser: the page picks or receives dropped files and uploads each
// with XMLHttpRequest (POST /api/uploads, the session token as Bearer), reporting progress; the
// app reads that progress when the page says something changed. Images of messages are fetched
// with the token, decoded by the browser (createImageBitmap) and uploaded as WebGL textures.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "portal/model/entities.h"

namespace portal::client {

enum class UploadStatus { Uploading, Done, Failed };

// A file being attached in the composer.
struct PendingUpload {
  int slot = 0;  // the page's handle
  std::string name;
  int64_t size = 0;
  int64_t sent = 0;  // bytes uploaded so far
  UploadStatus status = UploadStatus::Uploading;
  Id upload_id;  // once Done
  std::string content_type;
  std::string error;  // once Failed: a sentence for the user
};

// Files belong to the conversation whose composer was open when they were picked or dropped:
// switching conversations puts them aside, and they never go with a message to another one.
struct AttachmentsUi {
  Id conversation;                     // the conversation whose composer is shown
  std::vector<PendingUpload> pending;  // its files
  std::vector<PendingUpload> all;      // every conversation's
  std::map<int, Id> owner;             // slot -> conversation
  int page_version = -1;               // the page's change counter last read
  int edits = 0;                       // bumped whenever `all` or `owner` changes
};

namespace attachments {

// Sets the session token the page sends with uploads and image fetches, and makes the canvas a
// drop target (once).
void set_token(const std::string& token);
// Opens the browser's file picker; chosen files start uploading at once.
void pick_files();
// True when the page has news (progress, a finished upload, a dropped file, a decoded image)
// since the last call: cheap, called on every animation frame to wake the app.
bool page_changed();
// Reads the uploads from the page into `ui.pending` (only when they changed); returns true when
// something is still uploading.
bool sync(AttachmentsUi& ui);
// Shows the files of `conversation`'s composer (the others are kept for theirs).
void show(AttachmentsUi& ui, const Id& conversation);
// Forgets (and aborts) an upload of the composer.
void remove(AttachmentsUi& ui, int slot);
// Forgets every upload of the shown composer (after sending them).
void clear(AttachmentsUi& ui);
// Makes a finished upload of an earlier page (kept with a draft) a file of `conversation`'s
// composer again.
void adopt(AttachmentsUi& ui, const Id& conversation, PendingUpload file);
// Forgets every file of every composer, aborting uploads (the session ended).
void forget_all(AttachmentsUi& ui);
// The finished uploads of each conversation's composer, in the order they were added.
std::map<Id, std::vector<const PendingUpload*>> done_by_conversation(const AttachmentsUi& ui);
// Why the composer's files cannot be sent as they are ("" when they can): more than a message
// may carry (the server's limit, kMaxAttachments). Failed uploads do not count.
std::string problem(const AttachmentsUi& ui);

// The WebGL texture of an image attachment, fetching and decoding it on first use. 0 while it
// loads or when it failed (`failed` says which); `w`/`h` are its pixel size.
unsigned image_texture(const Id& upload_id, int& w, int& h, bool& failed);
// Downloads an attachment: fetched with the token, saved under its name by the browser.
void download(const Id& upload_id, const std::string& name);
// How many image textures are ready (for the test hook).
int images_ready();

}  // namespace attachments

// "2.4 MB", "820 KB", "12 bytes".
std::string file_size_label(int64_t bytes);

}  // namespace portal::client
