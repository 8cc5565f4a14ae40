// Validation of trainings, certifications and progress (model/learning.h).
#include "portal/rules/entity_validation.h"
#include "rules/field_checks.h"

namespace portal {

using namespace detail;

std::vector<FieldError> validate_training(const Training& t) {
  Errors e;
  check_id(e, "id", "Training", t.id, Need::Optional);
  check_text(e, "title", "Title", t.title, kMaxTitle, Need::Required);
  check_text(e, "description", "Description", t.description, kMaxDescription, Need::Optional,
             Lines::Multi);
  check_range(e, "modules", "Number of modules", t.modules, 1, kMaxModules);
  check_range(e, "duration_minutes", "Duration (minutes)", t.duration_minutes, 0,
              kMaxDurationMinutes);
  check_id(e, "file_id", "Material", t.file_id, Need::Optional);
  return e;
}

std::vector<FieldError> validate_certification(const Certification& c) {
  Errors e;
  check_id(e, "id", "Certification", c.id, Need::Optional);
  check_text(e, "name", "Name", c.name, kMaxTitle, Need::Required);
  check_text(e, "description", "Description", c.description, kMaxDescription, Need::Optional,
             Lines::Multi);
  check_ids(e, "training_ids", "training", c.training_ids, kMaxLines, Need::Required);
  check_range(e, "validity_days", "Validity (days)", c.validity_days, 0, kMaxValidityDays);
  return e;
}

std::vector<FieldError> validate_training_progress(const TrainingProgress& p,
                                                   const Training& training) {
  Errors e;
  check_id(e, "user_id", "User", p.user_id, Need::Required);
  check_id(e, "training_id", "Training", p.training_id, Need::Required);
  if (p.training_id != training.id)
    e.push_back({"training_id", "This progress belongs to another training."});
  check_range(e, "completed_modules", "Completed modules", p.completed_modules, 0,
              training.modules);
  check_time(e, "started_at", "Start date", p.started_at, Need::Optional);
  check_state_date(e, "completed_at", "Completion date", p.completed_at,
                   p.completed_modules >= training.modules,
                   "A training is completed only when every module is done.");
  if (e.empty() || e.back().field != "completed_at")
    check_not_before(e, "completed_at", "Completion date", p.completed_at, "Start date",
                     p.started_at);
  return e;
}

std::vector<FieldError> validate_user_certification(const UserCertification& c) {
  Errors e;
  check_id(e, "id", "Certification record", c.id, Need::Optional);
  check_id(e, "user_id", "User", c.user_id, Need::Required);
  check_id(e, "org_id", "Organisation", c.org_id, Need::Required);
  check_id(e, "certification_id", "Certification", c.certification_id, Need::Required);
  check_time(e, "earned_at", "Date earned", c.earned_at, Need::Required);
  check_not_before(e, "expires_at", "Expiry date", c.expires_at, "Date earned", c.earned_at);
  return e;
}

}  // namespace portal
