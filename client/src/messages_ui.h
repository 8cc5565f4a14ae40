// What the Messages room remembers between frames: the open conversation, drafts, the thread
// panel, edits in progress, search, who is typing, messages on their way, paging and receipts.
#pragma once
#include <array>
#include <map>
#include <string>
#include <vector>

#include "attachments.h"
#include "partner_search.h"
#include "portal/model/messaging.h"
#include "portal/protocol/messaging_commands.h"
#include "portal/rules/entity_validation.h"

namespace portal::client {

class App;

// A message sent from this tab that the server has not stored yet ("Sending…").
struct OutgoingMessage {
  std::string command_id;
  Id conversation_id;
  Id parent_id;
  std::string body;
  double sent_ms = 0;
  Id message_id;      // known once acknowledged
  Json payload;       // the command's, to send again after a refusal
  std::string error;  // why the server refused it: shown as "Not sent" with Retry and Discard
};

struct TypingSignal {
  Id user_id;
  std::string name;
  double until_ms = 0;
};

// A composer's text box and whose draft it holds: "<conversation>", or "<conversation>/<thread
// parent>" for a thread's reply. The box is bound to a draft when drawn (App::bind_draft): the
// text it held is kept under its old key and the new key's text comes in, so a text never
// follows a box to another conversation (a support column whose conversation changed, say).
struct DraftBuffer {
  char text[kMaxMessageBody + 1] = {};
  std::string key;
};

// Someone the user may start a direct message with (a messages.people answer).
struct PersonChoice {
  Id id;
  std::string name;
  std::string org_name;
  bool vendor = false;  // of the vendor's team
};

// The "New message" modal: a search over whom the user may write to, one of them chosen.
struct NewMessageUi {
  bool open = false;
  bool request_open = false;
  bool request_close = false;
  bool focus_first = false;
  char query[kMaxPeopleQuery + 1] = {};
  std::string asked;           // the query `people` answers
  std::string people_pending;  // the messages.people command id
  std::vector<PersonChoice> people;
  bool answered = false;       // `people` holds an answer (an empty one says "nobody")
  Id chosen;                   // the selected person
  // Vendor staff may open a channel for a partner instead: its partner and its name.
  bool channel = false;
  PartnerSearchUi partner_search;
  Id partner;
  std::string partner_name;
  char title[kMaxName + 2] = {};
  std::string create_pending;  // the conversation.create command id
  std::vector<FieldError> errors;  // a refusal of the channel's fields
  std::string error;
};

// The support view's live columns (the first conversations of the queue, longest waiting first).
constexpr size_t kSupportColumns = 3;

struct MessagesUi {
  Id open;                       // the conversation shown
  std::vector<Id> followed;      // conversations subscribed in this session
  DraftBuffer draft;             // the open conversation's composer
  bool focus_draft = false;
  std::map<std::string, std::string> drafts;  // every composer's unsent text, by draft key
  double next_draft_save_ms = 0;
  std::map<Id, std::string> saved_files;  // conversation -> its draft's files as last stored
  int saved_files_edits = 0;              // attachments.edits when they were
  Id thread;                     // the message whose thread is open in the side panel
  DraftBuffer thread_draft;
  bool focus_thread = false;
  Id editing;                    // the own message being edited
  char edit_buf[kMaxMessageBody + 1] = {};
  bool focus_edit = false;
  std::vector<OutgoingMessage> outgoing;
  std::map<Id, std::vector<TypingSignal>> typing;  // by conversation
  double typing_sent_ms = -1e9;
  Id typing_conversation;
  std::map<Id, std::string> history_pending;  // conversation -> messages.history command id
  std::map<Id, float> keep_scroll;            // conversation -> scroll max before an older page
  std::map<Id, int64_t> read_sent;            // conversation -> last receipt sent
  Id jump_to;                                 // scroll to this message once it is loaded
  Id jump_conversation;
  char search[kMaxSearchQuery + 1] = {};
  std::string search_pending;  // the messages.search command id
  std::string search_query;    // what the results are for
  std::vector<Message> search_results;
  bool view_chosen = false;   // the support view is the default for support staff
  bool support_view = false;   // vendor staff: several live conversations side by side
  DraftBuffer column_drafts[kSupportColumns];
  bool column_focus[kSupportColumns] = {};
  bool away = false;           // the tab is hidden: presence "away" was sent
  double next_visibility_check_ms = 0;
  std::vector<std::string> notices;  // in-app notifications of new messages, newest last
  int browser_notifications = 0;     // shown while the tab was hidden (for tests)
  bool stick_bottom = true;          // follow new messages while at the bottom
  size_t seen_count = 0;             // messages of the open conversation seen last frame
  float seen_scroll_max = 0;         // its scrollable height last frame (grows as images load)
  AttachmentsUi attachments;         // files of the main composer, uploading or ready
  NewMessageUi new_message;

  // Every composer's box: the open conversation's, the thread's, the support view's columns.
  std::array<DraftBuffer*, 2 + kSupportColumns> draft_boxes() {
    return {&draft, &thread_draft, &column_drafts[0], &column_drafts[1], &column_drafts[2]};
  }
};

// The test hook's Messages states (pp_state): "messages" (the conversation list), "conversation"
// (the open one, with what is sending, who is typing and who has seen the last own message)
// and "messages_ui" (search results, notifications). "null" for other names.
std::string messages_hook_state(const App& app, std::string_view name);

}  // namespace portal::client
