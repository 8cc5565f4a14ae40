// Money in integer minor units with an ISO 4217 currency code. Never a float.
#pragma once
#include <cstdint>
#include <string>

namespace portal {

struct Money {
  int64_t minor = 0;           // e.g. cents
  std::string currency = "EUR";
  friend bool operator==(const Money&, const Money&) = default;
};

// Formats like "€12,345.67" / "$1,000.00" / "1,000.00 CHF"; negative amounts get a leading "-".
std::string format_money(const Money& m);
// Compact form for tiles and charts: "€12.3k", "€4.5M", "€950".
std::string format_money_compact(const Money& m);
// Applies a share in basis points (1 bp = 0.01 %), rounding half away from zero.
int64_t apply_basis_points(int64_t minor, int32_t basis_points);

}  // namespace portal
