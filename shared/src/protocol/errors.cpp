#include "portal/protocol/errors.h"

#include <array>

namespace portal {
namespace {

// Indexed by ErrorCode; keep in the enum's order.
constexpr std::array<std::string_view, 14> kErrorNames = {
    "bad_frame",     "unknown_type", "version_mismatch", "too_large",   "unauthenticated",
    "bad_credentials", "session_expired", "forbidden",   "validation",  "not_found",
    "conflict",      "rate_limited", "unavailable",      "internal",
};

}  // namespace

std::string_view to_string(ErrorCode c) { return kErrorNames[static_cast<size_t>(c)]; }

std::optional<ErrorCode> error_code_from_string(std::string_view s) {
  for (size_t i = 0; i < kErrorNames.size(); ++i)
    if (kErrorNames[i] == s) return static_cast<ErrorCode>(i);
  return std::nullopt;
}

}  // namespace portal
