// Wire names and human labels of an enum, indexed by the enum's value. Private to portal_core's
// sources: every enum of the model gets its to_string / X_from_string / X_label from one of these.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace portal::detail {

template <typename E, size_t N>
struct NameTable {
  std::array<std::pair<std::string_view, std::string_view>, N> names;  // wire, label; enum order
  std::string_view wire(E e) const { return names[static_cast<size_t>(e)].first; }
  std::string_view label(E e) const { return names[static_cast<size_t>(e)].second; }
  std::optional<E> parse(std::string_view s) const {
    for (size_t i = 0; i < N; ++i)
      if (names[i].first == s) return static_cast<E>(i);
    return std::nullopt;
  }
};

}  // namespace portal::detail
