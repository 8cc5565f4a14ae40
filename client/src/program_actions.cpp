// The App's Partner program actions: the vendor's MDF booking and marketing-activity forms and
// the training progress steps. Each form is checked with portal_core's validation before it is
// sent (the server checks again and has the last word, e.g. on an overdraft); the answer to the
// command closes the form or shows its errors.
#include <algorithm>

#include "app.h"
#include "portal/protocol/model_codecs.h"
#include "portal/rooms/program.h"
#include "portal/rules/entity_validation.h"
#include "ui/lead_value.h"

namespace portal::client {
namespace {

// The partner of the full program on screen.
const ProgramPartner* shown_partner(const ProgramState* s) {
  return s && !s->partners.empty() ? &s->partners.front() : nullptr;
}

// Replaces the "amount" errors of an unparsable amount field with one that says what to type.
void amount_error(std::vector<FieldError>& errors, const char* field, bool parsed) {
  if (parsed) return;
  std::erase_if(errors, [&](const FieldError& e) { return e.field.rfind(field, 0) == 0; });
  errors.push_back({field, "Enter an amount like 1,500 or 1500.50."});
}

}  // namespace

void ProgramUi::reset_forms() {
  form = ProgramForm::None;
  mdf_debit = false;
  mdf_amount[0] = mdf_description[0] = '\0';
  activity_title[0] = activity_start[0] = activity_end[0] = '\0';
  activity_budget[0] = activity_mdf[0] = '\0';
  activity_kind = 0;
  errors.clear();
  error.clear();
}

const ProgramState* App::shown_program() const {
  if (!is_vendor()) return replica_.program();
  return program_.partner.empty() ? nullptr : replica_.program_of(program_.partner);
}

void App::open_program_partner(const Id& org_id) {
  if (org_id == program_.partner) return;
  // One partner's program is followed at a time: the summary row is what the others need.
  if (!program_.partner.empty()) {
    const std::string old = "program:" + program_.partner;
    conn_.send(UnsubscribeFrame{old});
    replica_.forget(old);
  }
  program_.partner = org_id;
  program_.reset_forms();
  if (!org_id.empty() && !replica_.room("program:" + org_id))
    conn_.send(replica_.subscribe("program:" + org_id));
  mark_dirty();
}

void App::open_program_form(ProgramForm form) {
  if (!program_.pending.empty()) return;
  const bool same = program_.form == form;
  program_.reset_forms();
  program_.form = same ? ProgramForm::None : form;
  mark_dirty();
}

void App::send_program_command(std::string_view type, Json payload, std::string done_label) {
  CommandFrame cmd{new_command_id(), std::string(type), std::move(payload)};
  program_.pending = cmd.id;
  program_.pending_label = std::move(done_label);
  send_command(std::move(cmd));
}

void App::submit_mdf() {
  const ProgramPartner* p = shown_partner(shown_program());
  if (!p || !program_.pending.empty()) return;
  program_.error.clear();
  MdfEntry e;
  e.org_id = p->org_id;
  e.direction = program_.mdf_debit ? MdfDirection::Debit : MdfDirection::Credit;
  const std::optional<int64_t> amount = ui::parse_money_major(program_.mdf_amount);
  e.amount = Money{amount.value_or(0), p->currency};
  e.description = program_.mdf_description;
  program_.errors = validate_mdf_entry(e);
  amount_error(program_.errors, "amount", amount.has_value());
  // The same no-overdraft rule the server applies, for an instant answer.
  if (program_.errors.empty()) {
    const MdfCheck check = check_booking(p->ledger, e);
    if (!check.allowed) program_.error = check.refusal;
  }
  if (!program_.errors.empty() || !program_.error.empty()) return;
  const std::string label = std::string(program_.mdf_debit ? "MDF debit" : "MDF credit") +
                            " recorded for " + p->name;
  Json payload = to_json(e);
  for (const char* server_made : {"id", "booked_by", "booked_at", "activity_id"})
    payload.erase(server_made);
  send_program_command(kCmdMdfRecord, std::move(payload), label);
}

void App::submit_activity() {
  const ProgramPartner* p = shown_partner(shown_program());
  if (!p || !program_.pending.empty()) return;
  program_.error.clear();
  MarketingActivity a;
  a.org_id = p->org_id;
  a.title = program_.activity_title;
  a.kind = static_cast<ActivityKind>(std::clamp(program_.activity_kind, 0, 5));
  a.status = ActivityStatus::Approved;
  const std::optional<UnixTime> start = parse_day(program_.activity_start);
  const std::optional<UnixTime> end =
      program_.activity_end[0] ? parse_day(program_.activity_end) : std::optional<UnixTime>(0);
  a.starts_at = start.value_or(0);
  a.ends_at = end.value_or(0);
  const std::optional<int64_t> budget = ui::parse_money_major(program_.activity_budget);
  const std::optional<int64_t> mdf = ui::parse_money_major(program_.activity_mdf);
  a.budget = Money{budget.value_or(0), p->currency};
  a.mdf_requested = Money{mdf.value_or(0), p->currency};
  program_.errors = validate_marketing_activity(a);
  if (!start) {
    std::erase_if(program_.errors, [](const FieldError& e) { return e.field == "starts_at"; });
    program_.errors.push_back({"starts_at", "Enter the start as a date like 2026-03-15."});
  }
  if (!end) {
    std::erase_if(program_.errors, [](const FieldError& e) { return e.field == "ends_at"; });
    program_.errors.push_back({"ends_at", "Enter the end as a date like 2026-03-31."});
  }
  amount_error(program_.errors, "budget", budget.has_value());
  amount_error(program_.errors, "mdf_requested", mdf.has_value());
  if (!program_.errors.empty()) return;
  Json payload = to_json(a);
  payload.erase("id");
  send_program_command(kCmdActivityAdd, std::move(payload), "Marketing activity added");
}

void App::set_training_progress(const Id& user, const Id& training, int32_t completed_modules) {
  if (!program_.pending.empty()) return;
  send_program_command(kCmdTrainingSetProgress,
                       Json{{"user_id", user},
                            {"training_id", training},
                            {"completed_modules", completed_modules}},
                       "Training progress saved");
}

void App::on_program_answer(const std::string& id, const Error* error) {
  if (id != program_.pending) return;
  program_.pending.clear();
  if (!error) {
    program_.reset_forms();
    show_toast(program_.pending_label);
  } else if (error->code == ErrorCode::Validation && !error->fields.empty()) {
    program_.errors = error->fields;
  } else {
    program_.error = error->message.empty() ? "That did not work." : error->message;
    if (program_.form == ProgramForm::None) show_toast(program_.error, true);
  }
  mark_dirty();
}

}  // namespace portal::client
