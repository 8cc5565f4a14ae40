#include "portal/model/projects.h"

#include <gtest/gtest.h>

#include "entity_cases.h"

namespace portal {
namespace {

using testing::expect_round_trip;
using testing::expect_validation;
using testing::InvalidCase;

constexpr UnixTime kApr2026 = 1'775'001'600;  // 2026-04-01T00:00:00Z

Project rollout() {
  return Project{"p-1",
                 "org-acme",
                 "Globex rollout",
                 "Analytics suite for 400 users.",
                 "acc-globex",
                 ProjectStatus::Active,
                 kApr2026,
                 kApr2026 + 90 * kSecondsPerDay,
                 "u-mara"};
}

ProjectTask task(const char* id, TaskStatus status, Side side = Side::Partner) {
  ProjectTask t{id,        "p-1",  "Configure SSO",           "", side,
                "u-jonas", status, kApr2026 + kSecondsPerDay, 0};
  if (status == TaskStatus::Done) t.completed_at = kApr2026 + 3600;
  return t;
}

Deliverable handover() {
  return Deliverable{
      "dl-1",    "p-1",    "Rollout plan", {"f-plan"},      ReviewStatus::ChangesRequested,
      "u-jonas", kApr2026, "u-mara",       kApr2026 + 3600, "Add the training dates."};
}

TEST(ProjectProgress, DoneOutOfAllButCancelled) {
  const ProjectTask tasks[] = {task("t1", TaskStatus::Done),
                               task("t2", TaskStatus::Done, Side::Vendor),
                               task("t3", TaskStatus::InProgress), task("t4", TaskStatus::Open),
                               task("t5", TaskStatus::Cancelled)};
  const ProjectProgress p = project_progress(tasks, "p-1");
  EXPECT_EQ(p.done, 2);
  EXPECT_EQ(p.total, 4);
  EXPECT_DOUBLE_EQ(p.fraction, 0.5);
  EXPECT_EQ(project_progress(tasks, "p-other"), (ProjectProgress{0, 0, 0.0}));
}

TEST(ProjectTasks, OverdueWhenPastDueAndNotClosed) {
  const ProjectTask open = task("t", TaskStatus::Open);
  EXPECT_FALSE(is_overdue(open, open.due_at));
  EXPECT_TRUE(is_overdue(open, open.due_at + 1));
  EXPECT_FALSE(is_overdue(task("t", TaskStatus::Done), open.due_at + 1));
  ProjectTask undated = open;
  undated.due_at = 0;
  EXPECT_FALSE(is_overdue(undated, kApr2026 * 2));
}

TEST(ProjectsValidation, Project) {
  expect_validation(
      rollout(), validate_project,
      {InvalidCase<Project>{"no org", [](auto& p) { p.org_id = ""; }, "org_id"},
       {"no name", [](auto& p) { p.name = ""; }, "name"},
       {"description", [](auto& p) { p.description = "\xFF"; }, "description"},
       {"bad account", [](auto& p) { p.customer_account_id = "a b"; }, "customer_account_id"},
       {"negative start", [](auto& p) { p.starts_at = -1; }, "starts_at"},
       {"due before start", [](auto& p) { p.due_at = p.starts_at - 1; }, "due_at"},
       {"bad owner", [](auto& p) { p.owner_id = "\x01"; }, "owner_id"}});
}

TEST(ProjectsValidation, ProjectTask) {
  expect_validation(
      task("t1", TaskStatus::Done), validate_project_task,
      {InvalidCase<ProjectTask>{"no project", [](auto& t) { t.project_id = ""; }, "project_id"},
       {"no title", [](auto& t) { t.title = ""; }, "title"},
       {"long description", [](auto& t) { t.description = std::string(kMaxDescription + 1, 'd'); },
        "description"},
       {"bad assignee", [](auto& t) { t.assignee_id = "a b"; }, "assignee_id"},
       {"negative due", [](auto& t) { t.due_at = -1; }, "due_at"},
       {"done without date", [](auto& t) { t.completed_at = 0; }, "completed_at"},
       {"open with date", [](auto& t) { t.status = TaskStatus::InProgress; }, "completed_at"}});
}

TEST(ProjectsValidation, ProjectPost) {
  const ProjectPost milestone{"pp-1",   "p-1",    PostKind::Milestone,           "SSO live", "",
                              "u-mara", kApr2026, kApr2026 + 7 * kSecondsPerDay, false};
  expect_validation(
      milestone, validate_project_post,
      {InvalidCase<ProjectPost>{"no project", [](auto& p) { p.project_id = ""; }, "project_id"},
       {"no title", [](auto& p) { p.title = ""; }, "title"},
       {"long body", [](auto& p) { p.body = std::string(kMaxLongText + 1, 'b'); }, "body"},
       {"bad author", [](auto& p) { p.author_id = "a b"; }, "author_id"},
       {"negative posted", [](auto& p) { p.posted_at = -1; }, "posted_at"},
       {"milestone without date", [](auto& p) { p.milestone_at = 0; }, "milestone_at"},
       {"update with date", [](auto& p) { p.kind = PostKind::Update; }, "milestone_at"},
       {"update reached",
        [](auto& p) {
          p.kind = PostKind::Update;
          p.milestone_at = 0;
          p.reached = true;
        },
        "reached"}});
}

TEST(ProjectsValidation, Deliverable) {
  expect_validation(
      handover(), validate_deliverable,
      {InvalidCase<Deliverable>{"no project", [](auto& d) { d.project_id = ""; }, "project_id"},
       {"no title", [](auto& d) { d.title = ""; }, "title"},
       {"no files", [](auto& d) { d.file_ids.clear(); }, "file_ids"},
       {"bad submitter", [](auto& d) { d.submitted_by = "a b"; }, "submitted_by"},
       {"submitted without date", [](auto& d) { d.submitted_at = 0; }, "submitted_at"},
       {"bad reviewer", [](auto& d) { d.reviewed_by = "a b"; }, "reviewed_by"},
       {"reviewed without date", [](auto& d) { d.reviewed_at = 0; }, "reviewed_at"},
       {"changes without a note", [](auto& d) { d.review_note = ""; }, "review_note"},
       {"awaiting with review date", [](auto& d) { d.status = ReviewStatus::Submitted; },
        "reviewed_at"}});
  Deliverable draft{"dl-2", "p-1", "Sketch", {}, ReviewStatus::Draft, "", 0, "", 0, ""};
  EXPECT_TRUE(validate_deliverable(draft).empty());
}

TEST(ProjectsCodecs, RoundTrip) {
  expect_round_trip(rollout(), project_from_json);
  expect_round_trip(task("t1", TaskStatus::Done, Side::Vendor), project_task_from_json);
  expect_round_trip(ProjectPost{"pp", "p", PostKind::Milestone, "t", "b", "u", 1, 2, true},
                    project_post_from_json);
  expect_round_trip(handover(), deliverable_from_json);
  const Json j = to_json(task("t1", TaskStatus::InProgress, Side::Vendor));
  EXPECT_EQ(j["assignee_side"], "vendor");
  EXPECT_EQ(j["status"], "in_progress");
}

}  // namespace
}  // namespace portal
