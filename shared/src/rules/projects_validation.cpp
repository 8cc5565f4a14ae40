// Validation of projects, tasks, posts and deliverables (model/projects.h).
#include "portal/rules/entity_validation.h"
#include "rules/field_checks.h"

namespace portal {

using namespace detail;

std::vector<FieldError> validate_project(const Project& p) {
  Errors e;
  check_id(e, "id", "Project", p.id, Need::Optional);
  check_id(e, "org_id", "Partner organisation", p.org_id, Need::Required);
  check_text(e, "name", "Project name", p.name, kMaxTitle, Need::Required);
  check_text(e, "description", "Description", p.description, kMaxDescription, Need::Optional,
             Lines::Multi);
  check_id(e, "customer_account_id", "Customer account", p.customer_account_id, Need::Optional);
  check_time(e, "starts_at", "Start date", p.starts_at, Need::Optional);
  check_not_before(e, "due_at", "Due date", p.due_at, "Start date", p.starts_at);
  check_id(e, "owner_id", "Owner", p.owner_id, Need::Optional);
  return e;
}

std::vector<FieldError> validate_project_task(const ProjectTask& t) {
  Errors e;
  check_id(e, "id", "Task", t.id, Need::Optional);
  check_id(e, "project_id", "Project", t.project_id, Need::Required);
  check_text(e, "title", "Title", t.title, kMaxTitle, Need::Required);
  check_text(e, "description", "Description", t.description, kMaxDescription, Need::Optional,
             Lines::Multi);
  check_id(e, "assignee_id", "Assignee", t.assignee_id, Need::Optional);
  check_time(e, "due_at", "Due date", t.due_at, Need::Optional);
  check_state_date(e, "completed_at", "Completion date", t.completed_at,
                   t.status == TaskStatus::Done, "Only a done task has a completion date.");
  return e;
}

std::vector<FieldError> validate_project_post(const ProjectPost& p) {
  Errors e;
  check_id(e, "id", "Post", p.id, Need::Optional);
  check_id(e, "project_id", "Project", p.project_id, Need::Required);
  check_text(e, "title", "Title", p.title, kMaxTitle, Need::Required);
  check_text(e, "body", "Text", p.body, kMaxLongText, Need::Optional, Lines::Multi);
  check_id(e, "author_id", "Author", p.author_id, Need::Optional);
  check_time(e, "posted_at", "Date posted", p.posted_at, Need::Optional);
  const bool milestone = p.kind == PostKind::Milestone;
  check_state_date(e, "milestone_at", "Milestone date", p.milestone_at, milestone,
                   "Only a milestone has a milestone date.");
  if (!milestone && p.reached)
    e.push_back({"reached", "Only a milestone can be marked as reached."});
  return e;
}

std::vector<FieldError> validate_deliverable(const Deliverable& d) {
  Errors e;
  check_id(e, "id", "Deliverable", d.id, Need::Optional);
  check_id(e, "project_id", "Project", d.project_id, Need::Required);
  check_text(e, "title", "Title", d.title, kMaxTitle, Need::Required);
  check_ids(e, "file_ids", "file", d.file_ids, kMaxListIds,
            d.status == ReviewStatus::Draft ? Need::Optional : Need::Required);
  check_id(e, "submitted_by", "Submitted by", d.submitted_by, Need::Optional);
  check_state_date(e, "submitted_at", "Submission date", d.submitted_at,
                   d.status != ReviewStatus::Draft, "A draft has not been submitted yet.");
  check_id(e, "reviewed_by", "Reviewer", d.reviewed_by, Need::Optional);
  const bool reviewed =
      d.status == ReviewStatus::Approved || d.status == ReviewStatus::ChangesRequested;
  check_state_date(e, "reviewed_at", "Review date", d.reviewed_at, reviewed,
                   "Only a reviewed deliverable has a review date.");
  check_text(e, "review_note", "Review note", d.review_note, kMaxDescription,
             d.status == ReviewStatus::ChangesRequested ? Need::Required : Need::Optional,
             Lines::Multi);
  return e;
}

}  // namespace portal
