// The status every kind of task shares (customer-account tasks, project tasks).
#pragma once
#include <optional>
#include <string_view>

namespace portal {

enum class TaskStatus { Open, InProgress, Done, Cancelled };
// Wire name: "open", "in_progress", "done", "cancelled". Label: "To do", "In progress", "Done",
// "Cancelled".
std::string_view to_string(TaskStatus s);
std::optional<TaskStatus> task_status_from_string(std::string_view s);
std::string_view task_status_label(TaskStatus s);
// True for Done and Cancelled: nothing left to do.
bool is_closed(TaskStatus s);

}  // namespace portal
