#include "portal/model/learning.h"

#include <gtest/gtest.h>

#include "entity_cases.h"

namespace portal {
namespace {

using testing::expect_round_trip;
using testing::expect_validation;
using testing::InvalidCase;

constexpr UnixTime kJan2026 = 1'767'225'600;

Training course() {
  return Training{"tr-1",
                  "Selling the analytics suite",
                  "Five modules, one exam.",
                  TrainingFormat::Course,
                  5,
                  180,
                  "f-slides"};
}

Certification cert() {
  return Certification{"ce-1", "Certified Analytics Seller", "", {"tr-1", "tr-2"}, 365};
}

UserCertification earned() {
  return UserCertification{"uc-1", "u-jonas", "org-acme",
                           "ce-1", kJan2026,  certification_expiry(cert(), kJan2026)};
}

TEST(Learning, ProgressIsCompletedModulesOverModules) {
  EXPECT_DOUBLE_EQ(progress_fraction(TrainingProgress{"u", "tr-1", 2, kJan2026, 0}, course()), 0.4);
  EXPECT_DOUBLE_EQ(progress_fraction(TrainingProgress{"u", "tr-1", 9, kJan2026, 0}, course()), 1.0);
  Training none = course();
  none.modules = 0;
  EXPECT_DOUBLE_EQ(progress_fraction(TrainingProgress{}, none), 1.0);
}

TEST(Learning, CertificationsExpireAndCountPerOrganisation) {
  EXPECT_EQ(certification_expiry(cert(), kJan2026), kJan2026 + 365 * kSecondsPerDay);
  Certification forever = cert();
  forever.validity_days = 0;
  EXPECT_EQ(certification_expiry(forever, kJan2026), 0);
  const UserCertification certs[] = {
      earned(),
      UserCertification{"uc-2", "u-dana", "org-acme", "ce-1", kJan2026 - 400 * kSecondsPerDay,
                        kJan2026 - 35 * kSecondsPerDay},  // expired
      UserCertification{"uc-3", "u-lee", "org-acme", "ce-2", kJan2026, 0},
      UserCertification{"uc-4", "u-x", "org-globex", "ce-1", kJan2026, 0}};
  EXPECT_TRUE(is_valid_at(certs[0], kJan2026 + 10));
  EXPECT_FALSE(is_valid_at(certs[0], certs[0].expires_at));
  EXPECT_EQ(valid_certifications(certs, "org-acme", kJan2026 + 10), 2);
  EXPECT_EQ(valid_certifications(certs, "org-acme", kJan2026 - 1), 0);
}

TEST(LearningValidation, Training) {
  expect_validation(
      course(), validate_training,
      {InvalidCase<Training>{"no title", [](auto& t) { t.title = ""; }, "title"},
       {"long description", [](auto& t) { t.description = std::string(kMaxDescription + 1, 'd'); },
        "description"},
       {"no modules", [](auto& t) { t.modules = 0; }, "modules"},
       {"negative duration", [](auto& t) { t.duration_minutes = -1; }, "duration_minutes"},
       {"bad file", [](auto& t) { t.file_id = "f 1"; }, "file_id"}});
}

TEST(LearningValidation, Certification) {
  expect_validation(
      cert(), validate_certification,
      {InvalidCase<Certification>{"no name", [](auto& c) { c.name = ""; }, "name"},
       {"description", [](auto& c) { c.description = "\x02"; }, "description"},
       {"no trainings", [](auto& c) { c.training_ids.clear(); }, "training_ids"},
       {"training twice", [](auto& c) { c.training_ids[1] = "tr-1"; }, "training_ids"},
       {"validity", [](auto& c) { c.validity_days = kMaxValidityDays + 1; }, "validity_days"}});
}

TEST(LearningValidation, TrainingProgress) {
  const Training t = course();
  auto validate = [&](const TrainingProgress& p) { return validate_training_progress(p, t); };
  expect_validation(
      TrainingProgress{"u-jonas", "tr-1", 5, kJan2026, kJan2026 + 3600}, validate,
      {InvalidCase<TrainingProgress>{"no user", [](auto& p) { p.user_id = ""; }, "user_id"},
       {"other training", [](auto& p) { p.training_id = "tr-2"; }, "training_id"},
       {"too many modules", [](auto& p) { p.completed_modules = 6; }, "completed_modules"},
       {"negative start", [](auto& p) { p.started_at = -1; }, "started_at"},
       {"completed early", [](auto& p) { p.completed_modules = 4; }, "completed_at"},
       {"done without date", [](auto& p) { p.completed_at = 0; }, "completed_at"},
       {"completed before start", [](auto& p) { p.completed_at = kJan2026 - 1; }, "completed_at"}});
}

TEST(LearningValidation, UserCertification) {
  expect_validation(
      earned(), validate_user_certification,
      {InvalidCase<UserCertification>{"no user", [](auto& c) { c.user_id = ""; }, "user_id"},
       {"no org", [](auto& c) { c.org_id = ""; }, "org_id"},
       {"no cert", [](auto& c) { c.certification_id = ""; }, "certification_id"},
       {"no date",
        [](auto& c) {
          c.earned_at = 0;
          c.expires_at = 0;
        },
        "earned_at"},
       {"expires before earned", [](auto& c) { c.expires_at = c.earned_at - 1; }, "expires_at"}});
}

TEST(LearningCodecs, RoundTrip) {
  expect_round_trip(course(), training_from_json);
  expect_round_trip(cert(), certification_from_json);
  expect_round_trip(TrainingProgress{"u", "t", 3, 4, 5}, training_progress_from_json);
  expect_round_trip(earned(), user_certification_from_json);
}

}  // namespace
}  // namespace portal
