// What happened and who is told: the audit trail (every administrative change, e.g. a tier
// applied after review) and in-app notifications.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "portal/model/entities.h"

namespace portal {

// [SECTION] Audit trail

// One administrative change, written once and never edited.
struct AuditEntry {
  Id id;
  UnixTime at = 0;
  Id actor_id;
  Id actor_org_id;
  std::string action;       // dotted verb: "partnership.level_changed"
  std::string target_kind;  // "partnership"
  Id target_id;
  std::string summary;  // "Level Silver -> Gold after the Q3 review"
  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

// [SECTION] Notifications

enum class NotificationKind {
  LeadStage,
  DealWon,
  DealUpdate,
  Message,
  Mention,
  Announcement,
  Resource,
  Task,
  Case,
  TierChange,
  Invitation
};
// Wire name: "lead_stage", "deal_won", "deal_update", "message", "mention", "announcement",
// "resource", "task", "case", "tier_change", "invitation". Label: "Lead stage", "Deal won", ...
std::string_view to_string(NotificationKind k);
std::optional<NotificationKind> notification_kind_from_string(std::string_view s);
std::string_view notification_kind_label(NotificationKind k);

struct Notification {
  Id id;
  Id user_id;  // who it is for
  NotificationKind kind = NotificationKind::DealUpdate;
  std::string title;  // "Deal won: Globex rollout"
  std::string body;
  std::string link;  // deep link: "deals/d-42"
  UnixTime created_at = 0;
  UnixTime read_at = 0;  // 0 = unread
  bool emailed = false;  // sent by e-mail because the user was offline
  friend bool operator==(const Notification&, const Notification&) = default;
};

// Unread notifications of `user_id`.
int32_t unread_notifications(std::span<const Notification> notifications, const Id& user_id);

}  // namespace portal
