// Command and event names of the content rooms (Resources, Brand guidelines, Contacts, Custom
// rooms, Cases and knowledge base) and the payload readers both hosts share. docs/protocol.md
// shows every payload with an example. The readers only check types (one FieldError per
// mistyped field); the content is checked by rules/entity_validation.h once the server has
// filled in ids and times.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "portal/rooms/content.h"
#include "portal/rules/validation.h"

namespace portal {

// [SECTION] Commands
//   resource.publish  {"category", "title", "description"?, "file_id", "tags"?, "audience"}
//   resource.update   {"id", the same fields as resource.publish}
//   resource.archive  {"id"}
//   resource.search   {"query", "category"?}          ack {"resources": [entry]}
//   brand.publish / brand.update / brand.archive      as resource.*, brand categories
//   contact.save      {"id"?, "user_id"?, "name", "role", "contact_for"?, "email", "phone"?,
//                      "preferred"}                     (always the actor's own organisation)
//   contact.remove    {"id"}
//   custom_room.save  {"id"?, "title", "slug", "template", "sections"?, "partnership_ids"?,
//                      "published"?}
//   custom_room.remove {"id"}
//   case.open         {"subject", "description", "priority"?}
//   case.comment      {"case_id", "body"}
//   case.update       {"case_id", "status"?, "priority"?, "assignee_id"?}
//   kb.save           {"id"?, "title", "body", "category"?, "tags"?, "published"?}
//   kb.remove         {"id"}
//   kb.search         {"query"}                          ack {"articles": [KbArticle]}
inline constexpr std::string_view kCmdResourcePublish = "resource.publish";
inline constexpr std::string_view kCmdResourceUpdate = "resource.update";
inline constexpr std::string_view kCmdResourceArchive = "resource.archive";
inline constexpr std::string_view kCmdResourceSearch = "resource.search";
inline constexpr std::string_view kCmdBrandPublish = "brand.publish";
inline constexpr std::string_view kCmdBrandUpdate = "brand.update";
inline constexpr std::string_view kCmdBrandArchive = "brand.archive";
inline constexpr std::string_view kCmdContactSave = "contact.save";
inline constexpr std::string_view kCmdContactRemove = "contact.remove";
inline constexpr std::string_view kCmdCustomRoomSave = "custom_room.save";
inline constexpr std::string_view kCmdCustomRoomRemove = "custom_room.remove";
inline constexpr std::string_view kCmdCaseOpen = "case.open";
inline constexpr std::string_view kCmdCaseComment = "case.comment";
inline constexpr std::string_view kCmdCaseUpdate = "case.update";
inline constexpr std::string_view kCmdKbSave = "kb.save";
inline constexpr std::string_view kCmdKbRemove = "kb.remove";
inline constexpr std::string_view kCmdKbSearch = "kb.search";

// True for every command above.
bool is_content_command(std::string_view type);

// [SECTION] Events (see rooms/content.h for what each does to a room)
//   "resources": resource.published, resource.updated {"resource"}, resource.removed {"id"}
//   "brand":     brand.published, brand.updated {"asset"}, brand.removed {"id"}
//   "contacts":  contact.saved {"contact"}, contact.removed {"id"}
//   "custom":    custom_room.saved {"room"}, custom_room.removed {"id"}
//   "cases":     case.opened, case.updated {"case"}, case.commented {"comment"},
//                kb.saved {"article"}, kb.removed {"id"}
// The wire room of cases and the knowledge base (not a RoomKind: every role that may read
// support content sees it, and the navigation gains it with the room's UI).
inline constexpr std::string_view kCasesRoom = "cases";

inline constexpr size_t kMaxContentQuery = 200;  // bytes of a search query
inline constexpr size_t kMaxContentHits = 50;    // results of one search
inline constexpr size_t kMaxCaseComment = 10'000;  // bytes of one comment

// [SECTION] Payloads

// resource.publish / resource.update (and brand.*): the entry without times; `id` only on update.
struct CatalogueRequest {
  Id id;
  std::string category;  // checked by the caller against its category list
  std::string title;
  std::string description;
  Id file_id;
  std::vector<std::string> tags;
  std::optional<Audience> audience;
};
std::variant<CatalogueRequest, std::vector<FieldError>> catalogue_request_from_json(
    const Json& j, bool needs_id);

// Commands that name one item: {"id"} (or {"case_id"}).
std::variant<Id, std::vector<FieldError>> id_request_from_json(const Json& j,
                                                              const char* field = "id");

struct SearchRequest {
  std::string query;
  std::string category;  // resource.search only; "" = every category
};
std::variant<SearchRequest, std::vector<FieldError>> search_request_from_json(const Json& j);

// contact.save: the contact's fields; the organisation is the actor's own.
std::variant<Contact, std::vector<FieldError>> contact_request_from_json(const Json& j);

// custom_room.save: `sections_given` says whether the payload listed sections (a new room
// without them starts from its template's).
struct CustomRoomRequest {
  CustomRoom room;
  bool sections_given = false;
};
std::variant<CustomRoomRequest, std::vector<FieldError>> custom_room_request_from_json(
    const Json& j);

struct CaseOpenRequest {
  std::string subject;
  std::string description;
  CasePriority priority = CasePriority::Normal;
};
std::variant<CaseOpenRequest, std::vector<FieldError>> case_open_from_json(const Json& j);

struct CaseCommentRequest {
  Id case_id;
  std::string body;
};
std::variant<CaseCommentRequest, std::vector<FieldError>> case_comment_request_from_json(
    const Json& j);

struct CaseUpdateRequest {
  Id case_id;
  std::optional<CaseStatus> status;
  std::optional<CasePriority> priority;
  std::optional<Id> assignee_id;  // "" unassigns
};
std::variant<CaseUpdateRequest, std::vector<FieldError>> case_update_from_json(const Json& j);

// kb.save: the article's editable fields; `id` empty for a new article.
std::variant<KbArticle, std::vector<FieldError>> kb_request_from_json(const Json& j);

// Errors about a case comment's text (empty, too long, control characters).
std::vector<FieldError> validate_case_comment(std::string_view body);

}  // namespace portal
