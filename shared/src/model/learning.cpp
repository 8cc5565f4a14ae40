#include "portal/model/learning.h"

#include <algorithm>

#include "model/name_table.h"

namespace portal {
namespace {

constexpr detail::NameTable<TrainingFormat, 4> kFormats{{{
    {"course", "Online course"},
    {"webinar", "Webinar"},
    {"document", "Document"},
    {"exam", "Exam"},
}}};

}  // namespace

std::string_view to_string(TrainingFormat f) {
  return kFormats.wire(f);
}
std::optional<TrainingFormat> training_format_from_string(std::string_view s) {
  return kFormats.parse(s);
}
std::string_view training_format_label(TrainingFormat f) {
  return kFormats.label(f);
}

double progress_fraction(const TrainingProgress& p, const Training& t) {
  if (t.modules <= 0) return 1.0;
  return std::clamp(static_cast<double>(p.completed_modules) / t.modules, 0.0, 1.0);
}

UnixTime certification_expiry(const Certification& c, UnixTime earned_at) {
  return c.validity_days <= 0 ? 0 : earned_at + int64_t{c.validity_days} * kSecondsPerDay;
}

bool is_valid_at(const UserCertification& c, UnixTime at) {
  return c.earned_at != 0 && c.earned_at <= at && (c.expires_at == 0 || at < c.expires_at);
}

int64_t valid_certifications(std::span<const UserCertification> certs, const Id& org_id,
                             UnixTime at) {
  return std::count_if(certs.begin(), certs.end(), [&](const UserCertification& c) {
    return c.org_id == org_id && is_valid_at(c, at);
  });
}

}  // namespace portal
