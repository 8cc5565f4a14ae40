#include "app/projects_builder.h"

#include <unordered_map>

namespace portal::server {

ProjectsState build_projects(const ProjectsInputs& in) {
  ProjectsState s;
  for (const Organisation& o : in.orgs) s.partners.push_back({o.id, o.name, o.revenue_share_bp});
  std::unordered_map<Id, size_t> index;
  for (const Project& p : in.projects) {
    index[p.id] = s.projects.size();
    ProjectRow row;
    const RoomPartner* partner = find_partner(s.partners, p.org_id);
    row.partner = partner ? partner->name : std::string();
    row.project = p;
    s.projects.push_back(std::move(row));
  }
  auto row_of = [&](const Id& project_id) -> ProjectRow* {
    auto it = index.find(project_id);
    return it == index.end() ? nullptr : &s.projects[it->second];
  };
  for (const ProjectTask& t : in.tasks)
    if (ProjectRow* r = row_of(t.project_id)) r->tasks.push_back(t);
  for (const ProjectPostRecord& p : in.posts)
    if (ProjectRow* r = row_of(p.post.project_id)) r->posts.push_back({p.post, p.author_name});
  for (const Deliverable& d : in.deliverables)
    if (ProjectRow* r = row_of(d.project_id)) r->deliverables.push_back(d);
  for (ProjectRow& r : s.projects) settle(r);
  sort_projects(s);
  return s;
}

NotificationsState build_notifications(const NotificationsInputs& in) {
  NotificationsState s;
  s.items = in.items;
  settle(s);
  return s;
}

std::string notifications_room_key(const Id& user_id) {
  return "user:" + user_id + "/notifications";
}

}  // namespace portal::server
