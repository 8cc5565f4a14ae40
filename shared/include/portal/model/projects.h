// Joint implementation projects (Projects room): the project, its tasks with an assignee from
// either side, update and milestone posts, and deliverables that the other side reviews.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/entities.h"
#include "portal/model/task_status.h"

namespace portal {

// [SECTION] Projects

enum class ProjectStatus { Planned, Active, OnHold, Completed, Cancelled };
// Wire name: "planned", "active", "on_hold", "completed", "cancelled". Label: "Planned", ...
std::string_view to_string(ProjectStatus s);
std::optional<ProjectStatus> project_status_from_string(std::string_view s);
std::string_view project_status_label(ProjectStatus s);

struct Project {
  Id id;
  Id org_id;  // the partner it is run with
  std::string name;
  std::string description;
  Id customer_account_id;  // may be empty
  ProjectStatus status = ProjectStatus::Planned;
  UnixTime starts_at = 0;
  UnixTime due_at = 0;  // 0 = no end date
  Id owner_id;
  friend bool operator==(const Project&, const Project&) = default;
};

// [SECTION] Tasks

enum class Side { Vendor, Partner };
// Wire name: "vendor", "partner". Label: "Vendor", "Partner".
std::string_view to_string(Side s);
std::optional<Side> side_from_string(std::string_view s);
std::string_view side_label(Side s);

struct ProjectTask {
  Id id;
  Id project_id;
  std::string title;
  std::string description;
  Side assignee_side = Side::Partner;
  Id assignee_id;  // a user of that side; empty = unassigned
  TaskStatus status = TaskStatus::Open;
  UnixTime due_at = 0;  // 0 = no due date
  UnixTime completed_at = 0;
  friend bool operator==(const ProjectTask&, const ProjectTask&) = default;
};

struct ProjectProgress {
  int32_t done = 0;
  int32_t total = 0;      // cancelled tasks do not count
  double fraction = 0.0;  // done / total; 0 without tasks
  friend bool operator==(const ProjectProgress&, const ProjectProgress&) = default;
};

// Done tasks of `project_id` out of all its tasks that are not cancelled.
ProjectProgress project_progress(std::span<const ProjectTask> tasks, const Id& project_id);
// True when the task has a due date before `now` and is not closed.
bool is_overdue(const ProjectTask& t, UnixTime now);

// [SECTION] Posts

enum class PostKind { Update, Milestone };
// Wire name: "update", "milestone". Label: "Update", "Milestone".
std::string_view to_string(PostKind k);
std::optional<PostKind> post_kind_from_string(std::string_view s);
std::string_view post_kind_label(PostKind k);

// An update or milestone on the project's timeline.
struct ProjectPost {
  Id id;
  Id project_id;
  PostKind kind = PostKind::Update;
  std::string title;
  std::string body;
  Id author_id;
  UnixTime posted_at = 0;
  UnixTime milestone_at = 0;  // for milestones: the date it stands for
  bool reached = false;       // for milestones
  friend bool operator==(const ProjectPost&, const ProjectPost&) = default;
};

// [SECTION] Deliverables

enum class ReviewStatus { Draft, Submitted, Approved, ChangesRequested };
// Wire name: "draft", "submitted", "approved", "changes_requested".
std::string_view to_string(ReviewStatus s);
std::optional<ReviewStatus> review_status_from_string(std::string_view s);
std::string_view review_status_label(ReviewStatus s);

// Files handed over for review.
struct Deliverable {
  Id id;
  Id project_id;
  std::string title;
  std::vector<Id> file_ids;
  ReviewStatus status = ReviewStatus::Draft;
  Id submitted_by;
  UnixTime submitted_at = 0;
  Id reviewed_by;
  UnixTime reviewed_at = 0;
  std::string review_note;  // required when changes are requested
  friend bool operator==(const Deliverable&, const Deliverable&) = default;
};

}  // namespace portal
