// The Partner program room's commands: mdf.record, training.set_progress and activity.add.
// Only the vendor's admins and partner managers may run them (rules/permissions.h); everyone
// else is refused before anything is looked up, so a partner learns nothing. Each command checks
// its payload field by field with portal_core's validation, then writes its row, the events of
// the partner's and the vendor's Program room and the command record in one transaction, acks
// and publishes. A debit that would take the MDF balance below zero is refused (rules in
// model/funds.h); the check runs under the publish mutex, which every writing command holds, so
// two debits cannot both pass on the same balance.
#include <variant>

#include "app/clock.h"
#include "app/portal_service.h"
#include "app/program_summary_events.h"
#include "app/room_keys.h"
#include "auth/tokens.h"
#include "portal/protocol/model_codecs.h"
#include "portal/rooms/program.h"
#include "portal/rules/entity_validation.h"

namespace portal::server {
namespace {

struct Plan {
  ProgramChange change;
  std::vector<NewEvent> events;
  Json result;
};

struct Context {
  const Identity& who;
  Actor actor;
  UnixTime now;
};

using Outcome = std::variant<Plan, Error>;

const char* kCheckFields = "Please check the highlighted fields.";

Error error(ErrorCode code, std::string message, std::vector<FieldError> fields = {}) {
  return Error{code, std::move(message), std::move(fields)};
}

const Json* member(const Json& j, const char* name) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(name);
  return it == j.end() ? nullptr : &*it;
}

struct FieldShape {
  const char* field;
  const char* message;  // what the field must be, for the user
};

// One error per field present with the wrong type (or an unknown enum name): each field is
// decoded alone, so the error names exactly the field that is wrong. Missing fields are left to
// validation, which says what is required.
template <class Decode>
std::vector<FieldError> shape_errors(const Json& payload, Decode decode,
                                     std::initializer_list<FieldShape> shapes) {
  if (!payload.is_object()) return {{"payload", "The command needs a JSON object as payload."}};
  std::vector<FieldError> out;
  for (const FieldShape& s : shapes) {
    const Json* f = member(payload, s.field);
    if (f == nullptr) continue;
    if (!decode(Json{{s.field, *f}})) out.push_back({s.field, s.message});
  }
  return out;
}

void to_program_rooms(Plan& plan, const Id& org, std::string_view type, const Json& data) {
  plan.events.push_back({partner_room_key(org, RoomKind::Program), std::string(type), data});
  plan.events.push_back({vendor_room_key(RoomKind::Program), std::string(type), data});
}

// The partner organisation `org_id`, or a not_found error.
std::variant<Organisation, Error> partner_org(Store& store, const Id& org_id) {
  std::optional<Organisation> org = org_id.empty() ? std::nullopt : store.find_org(org_id);
  if (!org || org->kind != OrgKind::Partner)
    return error(ErrorCode::NotFound, "There is no partner organisation with that id.");
  return *org;
}

// [SECTION] mdf.record

Outcome plan_mdf(const Context& c, const Json& payload, Store& store) {
  if (auto bad = shape_errors(payload, mdf_entry_from_json,
                              {{"org_id", "Name the partner organisation by its id (text)."},
                               {"direction", "Choose credit or debit."},
                               {"amount", "Give the amount as {\"minor\": cents, \"currency\"}."},
                               {"description", "Describe the booking in words (text)."},
                               {"activity_id", "Name the marketing activity by its id (text)."}});
      !bad.empty())
    return error(ErrorCode::Validation, kCheckFields, std::move(bad));
  MdfEntry entry = *mdf_entry_from_json(payload);
  if (!member(payload, "direction"))
    return error(ErrorCode::Validation, kCheckFields, {{"direction", "Choose credit or debit."}});
  entry.id = new_id();
  entry.booked_by = c.actor.user_id;
  entry.booked_at = c.now;
  if (auto fields = validate_mdf_entry(entry); !fields.empty())
    return error(ErrorCode::Validation, kCheckFields, std::move(fields));
  auto org = partner_org(store, entry.org_id);
  if (auto* e = std::get_if<Error>(&org)) return *e;
  const Organisation& partner = std::get<Organisation>(org);
  if (entry.amount.currency != partner.currency)
    return error(ErrorCode::Validation, kCheckFields,
                 {{"amount", "The MDF of " + partner.name + " is kept in " + partner.currency +
                                 "."}});
  if (!entry.activity_id.empty()) {
    std::optional<MarketingActivity> activity = store.find_activity(entry.activity_id);
    if (!activity || activity->org_id != partner.id)
      return error(ErrorCode::Validation, kCheckFields,
                   {{"activity_id", "That marketing activity is not one of this partner's."}});
  }
  std::vector<MdfEntry> ledger = store.mdf_ledger(partner.id);
  const MdfCheck check = check_booking(ledger, entry);
  if (!check.allowed) return error(ErrorCode::Conflict, check.refusal);

  Plan plan;
  ledger.push_back(entry);
  const int64_t balance = mdf_balance(ledger, partner.currency);
  to_program_rooms(plan, partner.id, kEvMdfRecorded, {{"entry", to_json(entry)}});
  plan.result = {{"entry_id", entry.id}, {"org_id", partner.id}, {"balance_minor", balance}};
  plan.change.mdf = std::move(entry);
  return plan;
}

// [SECTION] training.set_progress

Outcome plan_progress(const Context& c, const Json& payload, Store& store) {
  if (auto bad = shape_errors(payload, training_progress_from_json,
                              {{"user_id", "Name the learner by their user id (text)."},
                               {"training_id", "Name the training by its id (text)."},
                               {"completed_modules", "Give the completed modules as a number."}});
      !bad.empty())
    return error(ErrorCode::Validation, kCheckFields, std::move(bad));
  const TrainingProgress asked = *training_progress_from_json(payload);
  std::vector<FieldError> missing;
  if (asked.user_id.empty() || asked.user_id.size() > kMaxIdBytes)
    missing.push_back({"user_id", "Choose the learner."});
  if (asked.training_id.empty() || asked.training_id.size() > kMaxIdBytes)
    missing.push_back({"training_id", "Choose the training."});
  if (!member(payload, "completed_modules"))
    missing.push_back({"completed_modules", "Enter the number of completed modules."});
  if (!missing.empty()) return error(ErrorCode::Validation, kCheckFields, std::move(missing));

  std::optional<Training> training = store.find_training(asked.training_id);
  if (!training) return error(ErrorCode::NotFound, "There is no training with that id.");
  std::optional<User> user = store.find_user(asked.user_id);
  std::optional<Organisation> org = user ? store.find_org(user->org_id) : std::nullopt;
  if (!org || org->kind != OrgKind::Partner)
    return error(ErrorCode::NotFound, "There is no partner user with that id.");

  TrainingProgress p = asked;
  const std::optional<TrainingProgress> before = store.find_progress(p.user_id, p.training_id);
  p.started_at = before && before->started_at != 0 ? before->started_at : c.now;
  p.completed_at = 0;
  if (p.completed_modules >= training->modules)
    p.completed_at = before && before->completed_at != 0 ? before->completed_at : c.now;
  if (auto fields = validate_training_progress(p, *training); !fields.empty())
    return error(ErrorCode::Validation, kCheckFields, std::move(fields));

  Plan plan;
  to_program_rooms(plan, org->id, kEvTrainingProgressSet,
                   {{"org_id", org->id}, {"user_name", user->name}, {"progress", to_json(p)}});
  plan.result = {{"user_id", p.user_id},
                 {"training_id", p.training_id},
                 {"completed_modules", p.completed_modules}};
  plan.change.progress = std::move(p);
  return plan;
}

// [SECTION] activity.add

Outcome plan_activity(const Json& payload, Store& store) {
  if (auto bad = shape_errors(
          payload, marketing_activity_from_json,
          {{"org_id", "Name the partner organisation by its id (text)."},
           {"title", "Give the activity a title (text)."},
           {"description", "Describe the activity in words (text)."},
           {"kind", "Choose event, webinar, campaign, advertising, content or other."},
           {"status", "Choose proposed, approved, running, completed, rejected or cancelled."},
           {"starts_at", "Give the start as a date."},
           {"ends_at", "Give the end as a date."},
           {"budget", "Give the budget as {\"minor\": cents, \"currency\"}."},
           {"mdf_requested", "Give the MDF requested as {\"minor\": cents, \"currency\"}."},
           {"leads_generated", "Give the leads generated as a number."}});
      !bad.empty())
    return error(ErrorCode::Validation, kCheckFields, std::move(bad));
  MarketingActivity a = *marketing_activity_from_json(payload);
  a.id = new_id();
  if (auto fields = validate_marketing_activity(a); !fields.empty())
    return error(ErrorCode::Validation, kCheckFields, std::move(fields));
  auto org = partner_org(store, a.org_id);
  if (auto* e = std::get_if<Error>(&org)) return *e;

  Plan plan;
  to_program_rooms(plan, a.org_id, kEvActivityAdded, {{"activity", to_json(a)}});
  plan.result = {{"activity_id", a.id}, {"org_id", a.org_id}};
  plan.change.activity = std::move(a);
  return plan;
}

}  // namespace

bool is_program_command(std::string_view type) {
  return type == kCmdMdfRecord || type == kCmdTrainingSetProgress || type == kCmdActivityAdd;
}

void PortalService::on_program_command(Client& client, const Identity& who,
                                       const CommandFrame& f) {
  const Actor actor = who.actor();
  const std::optional<Organisation> vendor = store_.vendor_org();
  if (!may_manage_program(actor, vendor ? vendor->id : Id())) {
    client.send(error_frame(ErrorCode::Forbidden,
                            is_vendor_staff(actor.role)
                                ? "Only the vendor's admins and partner managers can change a "
                                  "partner's program."
                                : "The partner program is read-only to partners.",
                            f.id));
    return;
  }

  // Read, check, write, ack and publish in one critical section, as the pipeline commands do.
  std::lock_guard lock(publish_mutex_);
  const CommandKey key{actor.user_id, f.id, f.type};
  if (auto recorded = store_.command_result(key)) {
    // Answered only once durable: the first try may still be waiting for its sync.
    return ack_and_publish(client, f.id, CommandOutcome{std::move(*recorded), {}, true});
  }
  const Context c{who, actor, unix_now()};
  Outcome planned = f.type == kCmdMdfRecord             ? plan_mdf(c, f.payload, store_)
                    : f.type == kCmdTrainingSetProgress ? plan_progress(c, f.payload, store_)
                                                        : plan_activity(f.payload, store_);
  if (auto* e = std::get_if<Error>(&planned)) {
    client.send(error_frame(e->code, std::move(e->message), f.id, std::move(e->fields)));
    return;
  }
  Plan& plan = std::get<Plan>(planned);
  summarise_program_events(store_, plan.events);
  ack_and_publish(client, f.id,
                  store_.apply_program_change(key, plan.change, plan.events, plan.result, c.now));
}

}  // namespace portal::server
