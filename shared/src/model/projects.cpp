#include "portal/model/projects.h"

#include "model/name_table.h"

namespace portal {
namespace {

using detail::NameTable;

constexpr NameTable<ProjectStatus, 5> kProjectStatuses{{{
    {"planned", "Planned"},
    {"active", "Active"},
    {"on_hold", "On hold"},
    {"completed", "Completed"},
    {"cancelled", "Cancelled"},
}}};

constexpr NameTable<Side, 2> kSides{{{{"vendor", "Vendor"}, {"partner", "Partner"}}}};

constexpr NameTable<PostKind, 2> kPostKinds{{{{"update", "Update"}, {"milestone", "Milestone"}}}};

constexpr NameTable<ReviewStatus, 4> kReviewStatuses{{{
    {"draft", "Draft"},
    {"submitted", "Awaiting review"},
    {"approved", "Approved"},
    {"changes_requested", "Changes requested"},
}}};

}  // namespace

std::string_view to_string(ProjectStatus s) {
  return kProjectStatuses.wire(s);
}
std::optional<ProjectStatus> project_status_from_string(std::string_view s) {
  return kProjectStatuses.parse(s);
}
std::string_view project_status_label(ProjectStatus s) {
  return kProjectStatuses.label(s);
}

std::string_view to_string(Side s) {
  return kSides.wire(s);
}
std::optional<Side> side_from_string(std::string_view s) {
  return kSides.parse(s);
}
std::string_view side_label(Side s) {
  return kSides.label(s);
}

std::string_view to_string(PostKind k) {
  return kPostKinds.wire(k);
}
std::optional<PostKind> post_kind_from_string(std::string_view s) {
  return kPostKinds.parse(s);
}
std::string_view post_kind_label(PostKind k) {
  return kPostKinds.label(k);
}

std::string_view to_string(ReviewStatus s) {
  return kReviewStatuses.wire(s);
}
std::optional<ReviewStatus> review_status_from_string(std::string_view s) {
  return kReviewStatuses.parse(s);
}
std::string_view review_status_label(ReviewStatus s) {
  return kReviewStatuses.label(s);
}

ProjectProgress project_progress(std::span<const ProjectTask> tasks, const Id& project_id) {
  ProjectProgress p;
  for (const ProjectTask& t : tasks) {
    if (t.project_id != project_id || t.status == TaskStatus::Cancelled) continue;
    ++p.total;
    if (t.status == TaskStatus::Done) ++p.done;
  }
  p.fraction = p.total == 0 ? 0.0 : static_cast<double>(p.done) / p.total;
  return p;
}

bool is_overdue(const ProjectTask& t, UnixTime now) {
  return t.due_at != 0 && t.due_at < now && !is_closed(t.status);
}

}  // namespace portal
