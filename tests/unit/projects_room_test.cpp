// The Projects room and the notifications room: snapshots round-trip, and each event changes
// the state the way both the server's snapshot and the browser's replica rely on.
#include <gtest/gtest.h>

#include "portal/protocol/model_codecs.h"
#include "portal/protocol/projects_commands.h"
#include "portal/rooms/notifications.h"
#include "portal/rooms/projects.h"

namespace portal {
namespace {

constexpr UnixTime kMay2026 = 1'777'593'600;  // 2026-05-01T00:00:00Z

Project project(const char* id, const char* name, ProjectStatus st, UnixTime due) {
  Project p;
  p.id = id;
  p.org_id = "org-acme";
  p.name = name;
  p.status = st;
  p.starts_at = kMay2026;
  p.due_at = due;
  p.owner_id = "u-priya";
  return p;
}

ProjectTask task(const char* id, const char* project_id, TaskStatus st, UnixTime due = 0) {
  ProjectTask t;
  t.id = id;
  t.project_id = project_id;
  t.title = std::string("Task ") + id;
  t.status = st;
  t.due_at = due;
  if (st == TaskStatus::Done) t.completed_at = kMay2026 + 10;
  return t;
}

ProjectsState one_project() {
  ProjectsState s;
  s.partners = {{"org-acme", "Acme Integrations", 1500}};
  EXPECT_TRUE(apply(s, kEvProjectCreated,
                    {{"project", to_json(project("p-1", "Globex rollout", ProjectStatus::Active,
                                                 kMay2026 + 90 * 86400))},
                     {"by", "u-priya"}}));
  return s;
}

TEST(ProjectsRoom, CreatedProjectTakesThePartnersName) {
  ProjectsState s = one_project();
  ASSERT_EQ(s.projects.size(), 1u);
  EXPECT_EQ(s.projects[0].partner, "Acme Integrations");
  EXPECT_EQ(s.projects[0].progress.total, 0);
  // The same project twice is refused, not duplicated.
  EXPECT_FALSE(apply(s, kEvProjectCreated, {{"project", to_json(s.projects[0].project)}}));
  EXPECT_EQ(s.projects.size(), 1u);
}

TEST(ProjectsRoom, ProgressFollowsTasksAndIgnoresCancelledOnes) {
  ProjectsState s = one_project();
  for (const char* id : {"t-1", "t-2", "t-3", "t-4"})
    ASSERT_TRUE(apply(s, kEvProjectTaskAdded, {{"task", to_json(task(id, "p-1", TaskStatus::Open))}}));
  EXPECT_EQ(s.projects[0].progress.total, 4);
  EXPECT_EQ(s.projects[0].progress.done, 0);
  ASSERT_TRUE(apply(s, kEvProjectTaskChanged, {{"task", to_json(task("t-1", "p-1", TaskStatus::Done))}}));
  ASSERT_TRUE(apply(s, kEvProjectTaskChanged,
                    {{"task", to_json(task("t-2", "p-1", TaskStatus::Cancelled))}}));
  EXPECT_EQ(s.projects[0].progress.done, 1);
  EXPECT_EQ(s.projects[0].progress.total, 3);
  EXPECT_DOUBLE_EQ(s.projects[0].progress.fraction, 1.0 / 3.0);
  // A change to a task nobody knows, or to a project the room does not hold, changes nothing.
  EXPECT_FALSE(apply(s, kEvProjectTaskChanged, {{"task", to_json(task("t-9", "p-1", TaskStatus::Done))}}));
  EXPECT_FALSE(apply(s, kEvProjectTaskAdded, {{"task", to_json(task("t-5", "p-9", TaskStatus::Open))}}));
  EXPECT_EQ(s.projects[0].tasks.size(), 4u);
}

TEST(ProjectsRoom, TasksAreOrderedByDueDateWithUndatedLast) {
  ProjectsState s = one_project();
  apply(s, kEvProjectTaskAdded, {{"task", to_json(task("t-a", "p-1", TaskStatus::Open, 0))}});
  apply(s, kEvProjectTaskAdded,
        {{"task", to_json(task("t-b", "p-1", TaskStatus::Open, kMay2026 + 200))}});
  apply(s, kEvProjectTaskAdded,
        {{"task", to_json(task("t-c", "p-1", TaskStatus::Open, kMay2026 + 100))}});
  const auto& tasks = s.projects[0].tasks;
  ASSERT_EQ(tasks.size(), 3u);
  EXPECT_EQ(tasks[0].id, "t-c");
  EXPECT_EQ(tasks[1].id, "t-b");
  EXPECT_EQ(tasks[2].id, "t-a");
}

TEST(ProjectsRoom, OpenProjectsComeBeforeClosedOnes) {
  ProjectsState s = one_project();
  apply(s, kEvProjectCreated,
        {{"project", to_json(project("p-2", "Initech pilot", ProjectStatus::Planned,
                                     kMay2026 + 10 * 86400))}});
  EXPECT_EQ(s.projects[0].project.id, "p-2");  // due sooner
  Project done = s.projects[0].project;
  done.status = ProjectStatus::Completed;
  ASSERT_TRUE(apply(s, kEvProjectStatusChanged, {{"project", to_json(done)}}));
  EXPECT_EQ(s.projects[0].project.id, "p-1");
  EXPECT_EQ(s.projects[1].project.status, ProjectStatus::Completed);
}

TEST(ProjectsRoom, PostsAndDeliverablesShowNewestFirstAndReviewsReplace) {
  ProjectsState s = one_project();
  ProjectPost older{"po-1", "p-1", PostKind::Update, "Kick-off held", "", "u-priya",
                    kMay2026 + 10, 0, false};
  ProjectPost newer{"po-2", "p-1", PostKind::Milestone, "SSO live", "", "u-dana",
                    kMay2026 + 20, kMay2026 + 20, true};
  ASSERT_TRUE(apply(s, kEvProjectPostAdded, {{"post", to_json(older)}, {"author_name", "Priya"}}));
  ASSERT_TRUE(apply(s, kEvProjectPostAdded, {{"post", to_json(newer)}, {"author_name", "Dana"}}));
  ASSERT_EQ(s.projects[0].posts.size(), 2u);
  EXPECT_EQ(s.projects[0].posts[0].post.id, "po-2");
  EXPECT_EQ(s.projects[0].posts[0].author_name, "Dana");

  Deliverable d{"dl-1", "p-1", "Rollout plan", {"f-1"}, ReviewStatus::Submitted, "u-dana",
                kMay2026 + 30, "", 0, ""};
  ASSERT_TRUE(apply(s, kEvDeliverableAdded, {{"deliverable", to_json(d)}}));
  d.status = ReviewStatus::ChangesRequested;
  d.reviewed_by = "u-priya";
  d.reviewed_at = kMay2026 + 40;
  d.review_note = "Add the training dates.";
  ASSERT_TRUE(apply(s, kEvDeliverableReviewed, {{"deliverable", to_json(d)}}));
  ASSERT_EQ(s.projects[0].deliverables.size(), 1u);
  EXPECT_EQ(s.projects[0].deliverables[0].status, ReviewStatus::ChangesRequested);
  EXPECT_EQ(s.projects[0].deliverables[0].review_note, "Add the training dates.");
}

TEST(ProjectsRoom, SnapshotRoundTripsAndEqualsTheEventsApplied) {
  ProjectsState s = one_project();
  apply(s, kEvProjectTaskAdded, {{"task", to_json(task("t-1", "p-1", TaskStatus::Done))}});
  apply(s, kEvProjectTaskAdded, {{"task", to_json(task("t-2", "p-1", TaskStatus::Open))}});
  auto back = projects_from_json(to_json(s));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, s);
  EXPECT_FALSE(projects_from_json(Json::object()).has_value());
  EXPECT_FALSE(apply(s, "deal.created", Json::object()));
}

Notification note(const char* id, UnixTime at, UnixTime read_at = 0) {
  Notification n;
  n.id = id;
  n.user_id = "u-dana";
  n.kind = NotificationKind::LeadStage;
  n.title = std::string("Lead ") + id;
  n.created_at = at;
  n.read_at = read_at;
  return n;
}

TEST(NotificationsRoom, UnreadFirstThenNewestAndReadMarksThem) {
  NotificationsState s;
  ASSERT_TRUE(apply(s, kEvNotificationAdded, {{"notification", to_json(note("n-1", 100, 150))}}));
  ASSERT_TRUE(apply(s, kEvNotificationAdded, {{"notification", to_json(note("n-2", 200))}}));
  ASSERT_TRUE(apply(s, kEvNotificationAdded, {{"notification", to_json(note("n-3", 300))}}));
  EXPECT_FALSE(apply(s, kEvNotificationAdded, {{"notification", to_json(note("n-3", 300))}}));
  ASSERT_EQ(s.items.size(), 3u);
  EXPECT_EQ(s.unread, 2);
  EXPECT_EQ(s.items[0].id, "n-3");
  EXPECT_EQ(s.items[1].id, "n-2");
  EXPECT_EQ(s.items[2].id, "n-1");  // read, so last although not the oldest unread

  ASSERT_TRUE(apply(s, kEvNotificationRead, {{"ids", {"n-3"}}, {"read_at", 400}}));
  EXPECT_EQ(s.unread, 1);
  EXPECT_EQ(s.items[0].id, "n-2");
  // Reading what is already read changes nothing.
  EXPECT_FALSE(apply(s, kEvNotificationRead, {{"ids", {"n-3", "n-1"}}, {"read_at", 500}}));
  auto back = notifications_from_json(to_json(s));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, s);
}

TEST(NotificationsRoom, KeepsOnlyTheNewestItems) {
  NotificationsState s;
  for (size_t i = 0; i < kMaxNotificationsInRoom + 5; ++i)
    apply(s, kEvNotificationAdded,
          {{"notification", to_json(note(("n-" + std::to_string(i)).c_str(), 1000 + i))}});
  EXPECT_EQ(s.items.size(), kMaxNotificationsInRoom);
  EXPECT_EQ(s.items.front().created_at, UnixTime(1000 + kMaxNotificationsInRoom + 4));
}

TEST(ProjectsCommands, ReadersGiveOneErrorPerProblem) {
  auto r = task_add_from_json({{"project_id", 7}, {"assignee_side", "both"}});
  auto* e = std::get_if<std::vector<FieldError>>(&r);
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->size(), 3u);  // project_id mistyped, title missing, side unknown
  EXPECT_EQ((*e)[0].field, "project_id");
  EXPECT_EQ((*e)[1].field, "title");
  EXPECT_EQ((*e)[2].field, "assignee_side");

  auto review = deliverable_review_from_json({{"deliverable_id", "dl-1"},
                                              {"decision", "request_changes"}});
  auto* re = std::get_if<std::vector<FieldError>>(&review);
  ASSERT_NE(re, nullptr);
  EXPECT_EQ(re->at(0).field, "note");

  auto audit = audit_list_from_json({{"limit", 0}});
  ASSERT_NE(std::get_if<std::vector<FieldError>>(&audit), nullptr);
  auto ok = audit_list_from_json(Json());
  ASSERT_NE(std::get_if<AuditListRequest>(&ok), nullptr);
  EXPECT_EQ(std::get<AuditListRequest>(ok).limit, kDefaultAuditPage);
}

}  // namespace
}  // namespace portal
