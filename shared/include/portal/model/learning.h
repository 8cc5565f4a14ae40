// Trainings and certifications of the Partner program room, and each user's progress in them.
// Valid certifications feed the CertificationsCount KPI of rules/tiers.h.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/entities.h"

namespace portal {

enum class TrainingFormat { Course, Webinar, Document, Exam };
// Wire name: "course", "webinar", "document", "exam". Label: "Online course", "Webinar", ...
std::string_view to_string(TrainingFormat f);
std::optional<TrainingFormat> training_format_from_string(std::string_view s);
std::string_view training_format_label(TrainingFormat f);

struct Training {
  Id id;
  std::string title;
  std::string description;
  TrainingFormat format = TrainingFormat::Course;
  int32_t modules = 1;  // progress is counted in completed modules
  int32_t duration_minutes = 0;
  Id file_id;  // material in Shared files; may be empty
  friend bool operator==(const Training&, const Training&) = default;
};

// A certification a user earns by completing its trainings; valid for a number of days.
struct Certification {
  Id id;
  std::string name;
  std::string description;
  std::vector<Id> training_ids;
  int32_t validity_days = 365;  // 0 = never expires
  friend bool operator==(const Certification&, const Certification&) = default;
};

// One user's progress in one training.
struct TrainingProgress {
  Id user_id;
  Id training_id;
  int32_t completed_modules = 0;
  UnixTime started_at = 0;
  UnixTime completed_at = 0;  // 0 until every module is done
  friend bool operator==(const TrainingProgress&, const TrainingProgress&) = default;
};

// completed_modules / modules, clamped to [0, 1]; 1 for a training without modules.
double progress_fraction(const TrainingProgress& p, const Training& t);

// A certification earned by one user of a partner organisation.
struct UserCertification {
  Id id;
  Id user_id;
  Id org_id;
  Id certification_id;
  UnixTime earned_at = 0;
  UnixTime expires_at = 0;  // 0 = never expires
  friend bool operator==(const UserCertification&, const UserCertification&) = default;
};

// The expiry of a certification earned at `earned_at`: earned_at + validity, or 0 for never.
UnixTime certification_expiry(const Certification& c, UnixTime earned_at);
// True when earned and not expired at `at`.
bool is_valid_at(const UserCertification& c, UnixTime at);
// Certifications of `org_id` valid at `at`: the CertificationsCount KPI.
int64_t valid_certifications(std::span<const UserCertification> certs, const Id& org_id,
                             UnixTime at);

}  // namespace portal
