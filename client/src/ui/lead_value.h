// Parses what a person types as an amount in major units ("12,500", "12 500.5", "€1,000.00")
// into minor units. nullopt when it is not an amount at all; empty text is 0.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace portal::client::ui {

std::optional<int64_t> parse_money_major(std::string_view text);

}  // namespace portal::client::ui
