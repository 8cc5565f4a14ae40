// The App's Customer accounts actions: the "Add account" form (checked with portal_core's
// validation before it is sent), task ticks with the asked-for status shown until the answer
// comes, and the answers to both.
#include <algorithm>

#include "app.h"
#include "portal/protocol/accounts_commands.h"
#include "portal/rooms/accounts.h"
#include "portal/rules/entity_validation.h"
#include "ui/lead_value.h"

namespace portal::client {

void AccountForm::reset() { *this = AccountForm(); }

void App::reset_accounts() {
  accounts_ = AccountsUi();
  account_form_.reset();
}

void App::open_account_form() {
  const std::string org = accounts_.partner_filter;
  account_form_.reset();
  account_form_.org_id = org;  // vendor staff: preselect the partner they are looking at
  account_form_.request_open = true;
  account_form_.focus_first = true;
  mark_dirty();
}

void App::submit_account() {
  AccountForm& f = account_form_;
  if (!f.pending_id.empty() || !session_) return;
  f.error.clear();
  f.errors.clear();
  const bool vendor = is_vendor();
  AccountAddRequest req;
  req.org_id = vendor ? f.org_id : std::string();
  CustomerAccount& a = req.account;
  a.name = f.name;
  a.website = f.website;
  a.org_id = vendor ? f.org_id : session_->user.org_id;
  a.lifetime_revenue.currency = session_->org.currency;
  if (f.lifetime[0] != '\0') {
    if (auto v = ui::parse_money_major(f.lifetime))
      a.lifetime_revenue.minor = *v;
    else
      f.errors.push_back({"lifetime_revenue", "Enter an amount like 12,500 or 12500.50."});
  }
  const bool has_plan = f.plan_name[0] != '\0' || f.plan_value[0] != '\0';
  if (has_plan) {
    CommitmentPlan p;
    p.name = f.plan_name;
    p.value.currency = a.lifetime_revenue.currency;
    p.cppo_eligible = f.plan_cppo_eligible;
    if (auto v = ui::parse_money_major(f.plan_value); v && *v > 0)
      p.value.minor = *v;
    else
      f.errors.push_back({"plan_value", "Enter the plan's value, like 48,000."});
    a.plans.push_back(std::move(p));
  }
  for (FieldError& e : validate_customer_account(a)) {
    if (e.field == "org_id") e.message = "Choose the partner the account belongs to.";
    if (e.field == "plans") e.field = "plan_name";
    const bool seen = std::any_of(f.errors.begin(), f.errors.end(),
                                  [&](const FieldError& x) { return x.field == e.field; });
    if (!seen) f.errors.push_back(std::move(e));
  }
  if (!f.errors.empty()) return;
  CommandFrame cmd{new_command_id(), std::string(kCmdAccountAdd), to_json(req)};
  f.pending_id = cmd.id;
  send_command(std::move(cmd));
}

namespace {
constexpr double kSettleMs = 2000;
}

void App::add_account_task(const std::string& account_id, AccountTaskKind kind) {
  send_command(CommandFrame{new_command_id(), std::string(kCmdAccountAddTask),
                            Json{{"account_id", account_id}, {"kind", to_string(kind)}}});
}

void App::set_account_task(const std::string& task_id, TaskStatus status) {
  auto& pending = accounts_.pending_tasks;
  auto it = std::find_if(pending.begin(), pending.end(),
                         [&](const auto& p) { return p.task_id == task_id; });
  if (it != pending.end() && !it->command_id.empty()) return;  // one change at a time
  if (it != pending.end()) pending.erase(it);
  CommandFrame cmd{new_command_id(), std::string(kCmdAccountTaskSetStatus),
                   Json{{"task_id", task_id}, {"status", to_string(status)}}};
  pending.push_back(AccountsUi::PendingTask{task_id, status, cmd.id, 0});
  send_command(std::move(cmd));
}

TaskStatus App::shown_task_status(const std::string& task_id, TaskStatus stored) const {
  for (const auto& p : accounts_.pending_tasks)
    if (p.task_id == task_id) return p.status;
  return stored;
}

void App::settle_account_tasks(const AccountsState& state) {
  std::erase_if(accounts_.pending_tasks, [&](const AccountsUi::PendingTask& p) {
    if (!p.command_id.empty()) return false;
    const AccountRow* row = find_task_row(state, p.task_id);
    if (!row) return true;
    for (const AccountTask& t : row->tasks)
      if (t.id == p.task_id && t.status == p.status) return true;
    return now_ms_ - p.acked_at_ms > kSettleMs;
  });
}

void App::request_account_detail(const std::string& account_id) {
  if (accounts_.detail_for == account_id && (!accounts_.detail_pending.empty() ||
                                             !accounts_.detail_error.empty()))
    return;
  CommandFrame cmd{new_command_id(), std::string(kCmdAccountDetail),
                   Json{{"account_id", account_id}}};
  accounts_.detail_for = account_id;
  accounts_.detail_pending = cmd.id;
  accounts_.detail_error.clear();
  send_command(std::move(cmd));
}

bool App::on_account_detail(const AckFrame& a) {
  if (a.id.empty() || a.id != accounts_.detail_pending) return false;
  accounts_.detail_pending.clear();
  AccountsState* s = replica_.accounts_mut();
  // Not loaded (the room was replaced meanwhile): the open panel simply asks again.
  if (s && !load_account_detail(*s, a.result)) accounts_.detail_for.clear();
  mark_dirty();
  return true;
}

bool App::on_account_answer(const std::string& id, const Error* error) {
  if (!accounts_.detail_pending.empty() && id == accounts_.detail_pending) {
    accounts_.detail_pending.clear();
    accounts_.detail_error =
        error && !error->message.empty() ? error->message : "This account could not be loaded.";
    mark_dirty();
    return true;
  }
  AccountForm& f = account_form_;
  if (!f.pending_id.empty() && id == f.pending_id) {
    f.pending_id.clear();
    if (!error) {
      const std::string name = f.name;
      f.reset();
      f.request_close = true;
      show_toast("Account added: " + name);
      return true;
    }
    if ((error->code == ErrorCode::Validation || error->code == ErrorCode::Conflict) &&
        !error->fields.empty()) {
      f.errors = error->fields;
      for (FieldError& e : f.errors)
        if (e.field == "plans") e.field = "plan_name";
    } else {
      f.error = error->message.empty() ? "The account could not be added." : error->message;
    }
    return true;
  }
  auto& pending = accounts_.pending_tasks;
  auto it = std::find_if(pending.begin(), pending.end(),
                         [&](const auto& p) { return p.command_id == id; });
  if (it == pending.end()) return false;
  if (error) {
    pending.erase(it);
    show_toast(error->message.empty() ? "The task could not be changed." : error->message, true);
  } else {
    it->command_id.clear();
    it->acked_at_ms = now_ms_;
    mark_dirty();
  }
  return true;
}

}  // namespace portal::client
