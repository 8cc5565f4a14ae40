// Validation of conversations, messages and read markers (model/messaging.h).
#include "portal/rules/entity_validation.h"
#include "rules/field_checks.h"

namespace portal {

using namespace detail;

std::vector<FieldError> validate_conversation(const Conversation& c) {
  Errors e;
  check_id(e, "id", "Conversation", c.id, Need::Optional);
  check_id(e, "org_id", "Partner organisation", c.org_id, Need::Required);
  const bool direct = c.kind == ConversationKind::Direct;
  if (direct && !c.title.empty())
    e.push_back({"title", "A direct message has no channel name."});
  else
    check_text(e, "title", "Channel name", c.title, kMaxName,
               direct ? Need::Optional : Need::Required);
  const size_t before = e.size();
  check_ids(e, "member_ids", "member", c.member_ids, kMaxMembers, Need::Required);
  if (e.size() == before && direct && c.member_ids.size() != 2)
    e.push_back({"member_ids", "A direct message is between exactly two people."});
  check_id(e, "created_by", "Created by", c.created_by, Need::Optional);
  check_time(e, "created_at", "Creation date", c.created_at, Need::Optional);
  return e;
}

std::vector<FieldError> validate_message(const Message& m) {
  Errors e;
  check_id(e, "id", "Message", m.id, Need::Optional);
  check_id(e, "conversation_id", "Conversation", m.conversation_id, Need::Required);
  if (m.seq < 0) e.push_back({"seq", "Message number cannot be negative."});
  check_id(e, "author_id", "Author", m.author_id, Need::Optional);
  // A deleted message is a tombstone without text; otherwise text or an attachment is needed.
  if (m.deleted && !m.body.empty())
    e.push_back({"body", "A deleted message keeps no text."});
  else
    check_text(e, "body", "Message", m.body, kMaxMessageBody,
               m.deleted || !m.attachment_ids.empty() ? Need::Optional : Need::Required,
               Lines::Multi);
  check_id(e, "parent_id", "Thread", m.parent_id, Need::Optional);
  if (!m.parent_id.empty() && m.parent_id == m.id)
    e.push_back({"parent_id", "A message cannot reply to itself."});
  check_ids(e, "attachment_ids", "attachment", m.attachment_ids, kMaxAttachments, Need::Optional);
  check_time(e, "sent_at", "Date sent", m.sent_at, Need::Optional);
  check_state_date(e, "edited_at", "Edit date", m.edited_at, m.edited,
                   "Only an edited message has an edit date.");
  return e;
}

std::vector<FieldError> validate_read_marker(const ReadMarker& r) {
  Errors e;
  check_id(e, "conversation_id", "Conversation", r.conversation_id, Need::Required);
  check_id(e, "user_id", "User", r.user_id, Need::Required);
  if (r.last_read_seq < 0) e.push_back({"last_read_seq", "Last read message cannot be negative."});
  check_time(e, "read_at", "Read date", r.read_at, Need::Optional);
  return e;
}

}  // namespace portal
