#include "portal/rooms/projects.h"

#include <algorithm>
#include <cstdint>
#include <tuple>

#include "portal/protocol/model_codecs.h"
#include "portal/protocol/projects_commands.h"
#include "protocol/json_fields.h"

namespace portal {
namespace {

using detail::field;
using detail::get_string;

ProjectRow* find_row(ProjectsState& s, const Id& id) {
  for (ProjectRow& r : s.projects)
    if (r.project.id == id) return &r;
  return nullptr;
}

bool is_open(ProjectStatus st) {
  return st != ProjectStatus::Completed && st != ProjectStatus::Cancelled;
}

// An undated item sorts after every dated one.
UnixTime dated(UnixTime t) { return t == 0 ? INT64_MAX : t; }

template <class T>
bool replace_by_id(std::vector<T>& items, T item) {
  for (T& x : items)
    if (x.id == item.id) {
      x = std::move(item);
      return true;
    }
  return false;
}

}  // namespace

void settle(ProjectRow& row) {
  std::stable_sort(row.tasks.begin(), row.tasks.end(),
                   [](const ProjectTask& a, const ProjectTask& b) {
                     return std::tuple(dated(a.due_at), a.title, a.id) <
                            std::tuple(dated(b.due_at), b.title, b.id);
                   });
  std::stable_sort(row.posts.begin(), row.posts.end(),
                   [](const ProjectPostRow& a, const ProjectPostRow& b) {
                     return std::tuple(b.post.posted_at, b.post.id) <
                            std::tuple(a.post.posted_at, a.post.id);
                   });
  std::stable_sort(row.deliverables.begin(), row.deliverables.end(),
                   [](const Deliverable& a, const Deliverable& b) {
                     return std::tuple(b.submitted_at, b.id) < std::tuple(a.submitted_at, a.id);
                   });
  row.progress = project_progress(row.tasks, row.project.id);
}

void sort_projects(ProjectsState& s) {
  std::stable_sort(s.projects.begin(), s.projects.end(),
                   [](const ProjectRow& a, const ProjectRow& b) {
                     return std::tuple(!is_open(a.project.status), dated(a.project.due_at),
                                       a.project.name, a.project.id) <
                            std::tuple(!is_open(b.project.status), dated(b.project.due_at),
                                       b.project.name, b.project.id);
                   });
}

Json to_json(const ProjectsState& s) {
  Json projects = Json::array();
  for (const ProjectRow& r : s.projects) {
    Json j = to_json(r.project);
    j["partner"] = r.partner;
    Json tasks = Json::array(), posts = Json::array(), deliverables = Json::array();
    for (const ProjectTask& t : r.tasks) tasks.push_back(to_json(t));
    for (const ProjectPostRow& p : r.posts) {
      Json pj = to_json(p.post);
      pj["author_name"] = p.author_name;
      posts.push_back(std::move(pj));
    }
    for (const Deliverable& d : r.deliverables) deliverables.push_back(to_json(d));
    j["tasks"] = std::move(tasks);
    j["posts"] = std::move(posts);
    j["deliverables"] = std::move(deliverables);
    j["progress"] = {{"done", r.progress.done}, {"total", r.progress.total}};
    projects.push_back(std::move(j));
  }
  return {{"partners", to_json(s.partners)}, {"projects", std::move(projects)}};
}

std::optional<ProjectsState> projects_from_json(const Json& j) {
  const Json* partners = field(j, "partners");
  const Json* projects = field(j, "projects");
  if (partners == nullptr || projects == nullptr || !projects->is_array()) return std::nullopt;
  auto ps = room_partners_from_json(*partners);
  if (!ps) return std::nullopt;
  ProjectsState s{std::move(*ps), {}};
  for (const Json& pj : *projects) {
    auto project = project_from_json(pj);
    const Json* tasks = field(pj, "tasks");
    const Json* posts = field(pj, "posts");
    const Json* deliverables = field(pj, "deliverables");
    if (!project || !tasks || !tasks->is_array() || !posts || !posts->is_array() ||
        !deliverables || !deliverables->is_array())
      return std::nullopt;
    ProjectRow r;
    r.partner = get_string(pj, "partner").value_or("");
    r.project = std::move(*project);
    for (const Json& t : *tasks) {
      auto task = project_task_from_json(t);
      if (!task) return std::nullopt;
      r.tasks.push_back(std::move(*task));
    }
    for (const Json& p : *posts) {
      auto post = project_post_from_json(p);
      if (!post) return std::nullopt;
      r.posts.push_back({std::move(*post), get_string(p, "author_name").value_or("")});
    }
    for (const Json& d : *deliverables) {
      auto del = deliverable_from_json(d);
      if (!del) return std::nullopt;
      r.deliverables.push_back(std::move(*del));
    }
    settle(r);
    s.projects.push_back(std::move(r));
  }
  sort_projects(s);
  return s;
}

bool apply(ProjectsState& s, std::string_view event_type, const Json& data) {
  if (event_type == kEvProjectCreated || event_type == kEvProjectStatusChanged) {
    const Json* pj = field(data, "project");
    auto project = pj ? project_from_json(*pj) : std::nullopt;
    if (!project) return false;
    ProjectRow* r = find_row(s, project->id);
    if (event_type == kEvProjectCreated) {
      if (r != nullptr) return false;
      ProjectRow row;
      const RoomPartner* partner = find_partner(s.partners, project->org_id);
      row.partner = partner ? partner->name : std::string();
      row.project = std::move(*project);
      settle(row);
      s.projects.push_back(std::move(row));
    } else {
      if (r == nullptr) return false;
      r->project = std::move(*project);
    }
    sort_projects(s);
    return true;
  }
  if (event_type == kEvProjectTaskAdded || event_type == kEvProjectTaskChanged) {
    const Json* tj = field(data, "task");
    auto task = tj ? project_task_from_json(*tj) : std::nullopt;
    ProjectRow* r = task ? find_row(s, task->project_id) : nullptr;
    if (r == nullptr) return false;
    if (event_type == kEvProjectTaskAdded) {
      if (std::any_of(r->tasks.begin(), r->tasks.end(),
                      [&](const ProjectTask& t) { return t.id == task->id; }))
        return false;
      r->tasks.push_back(std::move(*task));
    } else if (!replace_by_id(r->tasks, std::move(*task))) {
      return false;
    }
    settle(*r);
    return true;
  }
  if (event_type == kEvProjectPostAdded) {
    const Json* pj = field(data, "post");
    auto post = pj ? project_post_from_json(*pj) : std::nullopt;
    ProjectRow* r = post ? find_row(s, post->project_id) : nullptr;
    if (r == nullptr) return false;
    r->posts.push_back({std::move(*post), get_string(data, "author_name").value_or("")});
    settle(*r);
    return true;
  }
  if (event_type == kEvDeliverableAdded || event_type == kEvDeliverableReviewed) {
    const Json* dj = field(data, "deliverable");
    auto d = dj ? deliverable_from_json(*dj) : std::nullopt;
    ProjectRow* r = d ? find_row(s, d->project_id) : nullptr;
    if (r == nullptr) return false;
    if (event_type == kEvDeliverableAdded)
      r->deliverables.push_back(std::move(*d));
    else if (!replace_by_id(r->deliverables, std::move(*d)))
      return false;
    settle(*r);
    return true;
  }
  return false;
}

const ProjectRow* find_project(const ProjectsState& s, const Id& project_id) {
  for (const ProjectRow& r : s.projects)
    if (r.project.id == project_id) return &r;
  return nullptr;
}

}  // namespace portal
