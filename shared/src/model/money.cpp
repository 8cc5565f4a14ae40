#include "portal/model/money.h"

#include <cstdlib>

namespace portal {
namespace {

// Symbol placed before the amount for the currencies we show most; others get the code after.
const char* prefix_symbol(const std::string& currency) {
  if (currency == "EUR") return "\xE2\x82\xAC";  // €
  if (currency == "USD") return "$";
  if (currency == "GBP") return "\xC2\xA3";  // £
  return nullptr;
}

std::string group_thousands(uint64_t whole) {
  std::string digits = std::to_string(whole);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string decorate(const std::string& amount, bool negative, const std::string& currency) {
  std::string out = negative ? "-" : "";
  if (const char* sym = prefix_symbol(currency)) return out + sym + amount;
  return out + amount + " " + currency;
}

uint64_t magnitude(int64_t v) {
  // Negating INT64_MIN overflows; go through unsigned arithmetic instead.
  return v < 0 ? uint64_t(0) - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
}

}  // namespace

std::string format_money(const Money& m) {
  const uint64_t abs = magnitude(m.minor);
  const uint64_t cents = abs % 100;
  std::string amount = group_thousands(abs / 100) + "." + (cents < 10 ? "0" : "") +
                       std::to_string(cents);
  return decorate(amount, m.minor < 0, m.currency);
}

std::string format_money_compact(const Money& m) {
  const uint64_t whole = magnitude(m.minor) / 100;
  std::string amount;
  auto one_decimal = [](uint64_t value, uint64_t unit, const char* suffix) {
    // Round to one decimal place, dropping a trailing ".0".
    const uint64_t tenths = (value * 10 + unit / 2) / unit;
    std::string s = std::to_string(tenths / 10);
    if (tenths % 10 != 0) s += "." + std::to_string(tenths % 10);
    return s + suffix;
  };
  if (whole >= 1'000'000'000) {
    amount = one_decimal(whole, 1'000'000'000, "bn");
  } else if (whole >= 999'950) {
    amount = one_decimal(whole, 1'000'000, "M");
  } else if (whole >= 10'000) {
    amount = one_decimal(whole, 1'000, "k");
  } else {
    amount = group_thousands(whole);
  }
  return decorate(amount, m.minor < 0, m.currency);
}

int64_t apply_basis_points(int64_t minor, int32_t basis_points) {
  // Split off whole multiples of 10,000 so minor × bp cannot overflow: q × bp is exact and
  // only the remainder's share needs rounding.
  const int64_t q = minor / 10000;
  const int64_t r = minor % 10000;  // same sign as minor
  const int64_t part = r * basis_points;
  const int64_t rounded = part >= 0 ? (part + 5000) / 10000 : (part - 5000) / 10000;
  return q * basis_points + rounded;
}

}  // namespace portal
