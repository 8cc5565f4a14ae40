// Validation of contacts, custom rooms, support cases, knowledge-base articles, audit entries and
// notifications (model/contacts.h, custom_rooms.h, support.h, audit.h).
#include <algorithm>

#include "portal/rules/entity_validation.h"
#include "rules/field_checks.h"

namespace portal {

using namespace detail;

std::vector<FieldError> validate_contact(const Contact& c) {
  Errors e;
  check_id(e, "id", "Contact", c.id, Need::Optional);
  check_id(e, "org_id", "Organisation", c.org_id, Need::Required);
  check_id(e, "user_id", "Portal user", c.user_id, Need::Optional);
  check_text(e, "name", "Name", c.name, kMaxName, Need::Required);
  check_text(e, "role", "Role", c.role, kMaxName, Need::Required);
  check_text(e, "contact_for", "Contact for", c.contact_for, kMaxTitle, Need::Optional);
  check_email(e, "email", "E-mail", c.email);
  check_phone(e, "phone", c.phone,
              c.preferred == ContactChannel::Phone ? Need::Required : Need::Optional);
  if (c.preferred == ContactChannel::Chat && c.user_id.empty())
    e.push_back({"preferred", "Portal chat needs a contact who uses the portal."});
  return e;
}

std::vector<FieldError> validate_custom_room(const CustomRoom& r) {
  Errors e;
  check_id(e, "id", "Room", r.id, Need::Optional);
  check_text(e, "title", "Title", r.title, kMaxTitle, Need::Required);
  const bool slug_ok = !r.slug.empty() && r.slug.size() <= kMaxShortText && r.slug.front() != '-' &&
                       r.slug.back() != '-' &&
                       std::all_of(r.slug.begin(), r.slug.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                       });
  if (!slug_ok)
    e.push_back(
        {"slug",
         "The link name must be lower-case letters, digits and dashes, like training-portal."});
  check_rows(
      e, "sections", "Section", r.sections, kMaxLines, Need::Required,
      [](Errors& s, const RoomSection& section, const std::string& row) {
        check_text(s, "", (row + " title").c_str(), section.title, kMaxTitle, Need::Required);
        check_text(s, "", (row + " text").c_str(), section.body, kMaxLongText, Need::Optional,
                   Lines::Multi);
        check_ids(s, "", (row + " item").c_str(), section.item_ids, kMaxListIds, Need::Optional);
      });
  check_ids(e, "partnership_ids", "partnership", r.partnership_ids, kMaxListIds, Need::Optional);
  check_time(e, "updated_at", "Update date", r.updated_at, Need::Optional);
  return e;
}

std::vector<FieldError> validate_support_case(const SupportCase& c) {
  Errors e;
  check_id(e, "id", "Case", c.id, Need::Optional);
  check_id(e, "org_id", "Partner organisation", c.org_id, Need::Required);
  check_text(e, "subject", "Subject", c.subject, kMaxTitle, Need::Required);
  check_text(e, "description", "Description", c.description, kMaxDescription, Need::Required,
             Lines::Multi);
  check_id(e, "opened_by", "Opened by", c.opened_by, Need::Optional);
  check_id(e, "assignee_id", "Assignee", c.assignee_id, Need::Optional);
  check_id(e, "conversation_id", "Conversation", c.conversation_id, Need::Optional);
  check_time(e, "opened_at", "Opening date", c.opened_at, Need::Optional);
  check_not_before(e, "updated_at", "Update date", c.updated_at, "Opening date", c.opened_at);
  check_state_date(e, "resolved_at", "Resolution date", c.resolved_at, !is_open(c.status),
                   "An open case has no resolution date.");
  return e;
}

std::vector<FieldError> validate_kb_article(const KbArticle& a) {
  Errors e;
  check_id(e, "id", "Article", a.id, Need::Optional);
  check_text(e, "title", "Title", a.title, kMaxTitle, Need::Required);
  check_text(e, "body", "Text", a.body, kMaxLongText, Need::Required, Lines::Multi);
  check_text(e, "category", "Category", a.category, kMaxName, Need::Optional);
  check_tags(e, "tags", a.tags);
  check_id(e, "author_id", "Author", a.author_id, Need::Optional);
  check_time(e, "updated_at", "Update date", a.updated_at, Need::Optional);
  return e;
}

std::vector<FieldError> validate_audit_entry(const AuditEntry& a) {
  Errors e;
  check_id(e, "id", "Entry", a.id, Need::Optional);
  check_time(e, "at", "Date", a.at, Need::Required);
  check_id(e, "actor_id", "Actor", a.actor_id, Need::Required);
  check_id(e, "actor_org_id", "Actor's organisation", a.actor_org_id, Need::Required);
  const bool action_ok = !a.action.empty() && a.action.size() <= kMaxShortText &&
                         std::all_of(a.action.begin(), a.action.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || c == '.' || c == '_';
                         });
  if (!action_ok)
    e.push_back({"action", "The action must be a dotted name like partnership.level_changed."});
  check_text(e, "target_kind", "Target kind", a.target_kind, kMaxShortText, Need::Required);
  check_id(e, "target_id", "Target", a.target_id, Need::Optional);
  check_text(e, "summary", "Summary", a.summary, kMaxDescription, Need::Required);
  return e;
}

std::vector<FieldError> validate_notification(const Notification& n) {
  Errors e;
  check_id(e, "id", "Notification", n.id, Need::Optional);
  check_id(e, "user_id", "Recipient", n.user_id, Need::Required);
  check_text(e, "title", "Title", n.title, kMaxTitle, Need::Required);
  check_text(e, "body", "Text", n.body, kMaxDescription, Need::Optional, Lines::Multi);
  check_text(e, "link", "Link", n.link, kMaxUrl, Need::Optional);
  if (!n.link.empty() && (n.link.find("://") != std::string::npos || n.link.front() == '/'))
    e.push_back({"link", "The link must name a room and item inside the portal, like deals/d-42."});
  check_time(e, "created_at", "Date", n.created_at, Need::Optional);
  check_not_before(e, "read_at", "Read date", n.read_at, "Date", n.created_at);
  return e;
}

}  // namespace portal
