// The Projects room's state, its snapshot codec and how an event changes it: the joint
// projects of the partner (or of every partner, for vendor staff) with their tasks, timeline
// posts, deliverables and progress. The same apply() runs on the server and in the browser.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "portal/model/projects.h"
#include "portal/protocol/frames.h"
#include "portal/rooms/room_partners.h"

namespace portal {

struct ProjectPostRow {
  ProjectPost post;
  std::string author_name;
  friend bool operator==(const ProjectPostRow&, const ProjectPostRow&) = default;
};

struct ProjectRow {
  Project project;
  std::string partner;                     // the organisation's name
  std::vector<ProjectTask> tasks;          // by due date (undated last), then title
  std::vector<ProjectPostRow> posts;       // the timeline, newest first
  std::vector<Deliverable> deliverables;   // newest first
  ProjectProgress progress;                // computed from `tasks` (model/projects.h)
  friend bool operator==(const ProjectRow&, const ProjectRow&) = default;
};

struct ProjectsState {
  std::vector<RoomPartner> partners;
  std::vector<ProjectRow> projects;  // open ones first, then by due date, then name
  friend bool operator==(const ProjectsState&, const ProjectsState&) = default;
};

// Puts tasks, posts and deliverables of the row in room order and recomputes its progress.
void settle(ProjectRow& row);
// Puts the projects in room order.
void sort_projects(ProjectsState& s);

Json to_json(const ProjectsState& s);
std::optional<ProjectsState> projects_from_json(const Json& j);
// Applies the project.* events of protocol/projects_commands.h; anything else (or an event about
// a project the state does not hold) leaves the state unchanged and returns false.
bool apply(ProjectsState& s, std::string_view event_type, const Json& data);
const ProjectRow* find_project(const ProjectsState& s, const Id& project_id);

}  // namespace portal
