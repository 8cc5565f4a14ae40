#include "portal/model/task_status.h"

#include "model/name_table.h"

namespace portal {
namespace {

constexpr detail::NameTable<TaskStatus, 4> kTaskStatuses{{{
    {"open", "To do"},
    {"in_progress", "In progress"},
    {"done", "Done"},
    {"cancelled", "Cancelled"},
}}};

}  // namespace

std::string_view to_string(TaskStatus s) {
  return kTaskStatuses.wire(s);
}
std::optional<TaskStatus> task_status_from_string(std::string_view s) {
  return kTaskStatuses.parse(s);
}
std::string_view task_status_label(TaskStatus s) {
  return kTaskStatuses.label(s);
}
bool is_closed(TaskStatus s) {
  return s == TaskStatus::Done || s == TaskStatus::Cancelled;
}

}  // namespace portal
