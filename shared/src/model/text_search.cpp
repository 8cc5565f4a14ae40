#include "model/text_search.h"

#include <algorithm>

namespace portal::detail {
namespace {

char fold(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool contains_folded(std::string_view haystack, std::string_view needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                     [](char a, char b) { return fold(a) == fold(b); }) != haystack.end();
}

}  // namespace

bool matches_words(std::string_view query, std::initializer_list<std::string_view> texts,
                   std::span<const std::string> tags) {
  size_t pos = 0;
  while (pos < query.size()) {
    const size_t end = std::min(query.find(' ', pos), query.size());
    const std::string_view word = query.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    const bool found = std::any_of(texts.begin(), texts.end(),
                                   [&](std::string_view t) { return contains_folded(t, word); }) ||
                       std::any_of(tags.begin(), tags.end(),
                                   [&](const std::string& t) { return contains_folded(t, word); });
    if (!found) return false;
  }
  return true;
}

}  // namespace portal::detail
