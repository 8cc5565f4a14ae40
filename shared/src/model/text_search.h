// Word search shared by the searchable catalogues (resources, brand assets, KB articles).
// Private to portal_core's sources.
#pragma once
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace portal::detail {

// True when every space-separated word of `query` occurs, ASCII case-insensitively, in one of
// `texts` or `tags`. An empty or blank query matches.
bool matches_words(std::string_view query, std::initializer_list<std::string_view> texts,
                   std::span<const std::string> tags);

}  // namespace portal::detail
