// JSON codecs of projects, their tasks, posts and deliverables (model/projects.h).
#include "portal/protocol/model_codecs.h"
#include "protocol/common_codec.h"

namespace portal {

inline std::optional<ProjectStatus> parse_enum(std::type_identity<ProjectStatus>,
                                               std::string_view s) {
  return project_status_from_string(s);
}
inline std::optional<Side> parse_enum(std::type_identity<Side>, std::string_view s) {
  return side_from_string(s);
}
inline std::optional<PostKind> parse_enum(std::type_identity<PostKind>, std::string_view s) {
  return post_kind_from_string(s);
}
inline std::optional<ReviewStatus> parse_enum(std::type_identity<ReviewStatus>,
                                              std::string_view s) {
  return review_status_from_string(s);
}

template <class V>
void visit_fields(V& v, Project& p) {
  v("id", p.id);
  v("org_id", p.org_id);
  v("name", p.name);
  v("description", p.description);
  v("customer_account_id", p.customer_account_id);
  v("status", p.status);
  v("starts_at", p.starts_at);
  v("due_at", p.due_at);
  v("owner_id", p.owner_id);
}

template <class V>
void visit_fields(V& v, ProjectTask& t) {
  v("id", t.id);
  v("project_id", t.project_id);
  v("title", t.title);
  v("description", t.description);
  v("assignee_side", t.assignee_side);
  v("assignee_id", t.assignee_id);
  v("status", t.status);
  v("due_at", t.due_at);
  v("completed_at", t.completed_at);
}

template <class V>
void visit_fields(V& v, ProjectPost& p) {
  v("id", p.id);
  v("project_id", p.project_id);
  v("kind", p.kind);
  v("title", p.title);
  v("body", p.body);
  v("author_id", p.author_id);
  v("posted_at", p.posted_at);
  v("milestone_at", p.milestone_at);
  v("reached", p.reached);
}

template <class V>
void visit_fields(V& v, Deliverable& d) {
  v("id", d.id);
  v("project_id", d.project_id);
  v("title", d.title);
  v("file_ids", d.file_ids);
  v("status", d.status);
  v("submitted_by", d.submitted_by);
  v("submitted_at", d.submitted_at);
  v("reviewed_by", d.reviewed_by);
  v("reviewed_at", d.reviewed_at);
  v("review_note", d.review_note);
}

using detail::decode_entity;
using detail::encode_entity;

Json to_json(const Project& v) {
  return encode_entity(v);
}
Json to_json(const ProjectTask& v) {
  return encode_entity(v);
}
Json to_json(const ProjectPost& v) {
  return encode_entity(v);
}
Json to_json(const Deliverable& v) {
  return encode_entity(v);
}
std::optional<Project> project_from_json(const Json& j) {
  return decode_entity<Project>(j);
}
std::optional<ProjectTask> project_task_from_json(const Json& j) {
  return decode_entity<ProjectTask>(j);
}
std::optional<ProjectPost> project_post_from_json(const Json& j) {
  return decode_entity<ProjectPost>(j);
}
std::optional<Deliverable> deliverable_from_json(const Json& j) {
  return decode_entity<Deliverable>(j);
}

}  // namespace portal
