// Cases and knowledge base: partners open support cases and search articles.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/entities.h"

namespace portal {

// [SECTION] Cases

enum class CasePriority { Low, Normal, High, Urgent };
// Wire name: "low", "normal", "high", "urgent". Label: "Low", "Normal", "High", "Urgent".
std::string_view to_string(CasePriority p);
std::optional<CasePriority> case_priority_from_string(std::string_view s);
std::string_view case_priority_label(CasePriority p);

enum class CaseStatus { Open, InProgress, WaitingOnPartner, Resolved, Closed };
// Wire name: "open", "in_progress", "waiting_on_partner", "resolved", "closed".
std::string_view to_string(CaseStatus s);
std::optional<CaseStatus> case_status_from_string(std::string_view s);
std::string_view case_status_label(CaseStatus s);
// True for Open, InProgress and WaitingOnPartner.
bool is_open(CaseStatus s);

struct SupportCase {
  Id id;
  Id org_id;
  std::string subject;
  std::string description;
  CasePriority priority = CasePriority::Normal;
  CaseStatus status = CaseStatus::Open;
  Id opened_by;
  Id assignee_id;      // support staff; empty until picked up
  Id conversation_id;  // the case's live conversation; may be empty
  UnixTime opened_at = 0;
  UnixTime updated_at = 0;
  UnixTime resolved_at = 0;
  friend bool operator==(const SupportCase&, const SupportCase&) = default;
};

// [SECTION] Knowledge base

struct KbArticle {
  Id id;
  std::string title;
  std::string body;
  std::string category;  // "Integrations", "Billing", ...
  std::vector<std::string> tags;
  bool published = false;
  Id author_id;
  UnixTime updated_at = 0;
  friend bool operator==(const KbArticle&, const KbArticle&) = default;
};

// True when published and every word of `query` occurs, ASCII case-insensitively, in the title,
// body, category or a tag. An empty query matches every published article.
bool matches_search(const KbArticle& a, std::string_view query);

}  // namespace portal
