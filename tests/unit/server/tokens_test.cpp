// Ids and tokens: an id is 32 lower-case hex characters, unguessable (no two alike), and ids
// made later sort after earlier ones, so new rows go at the end of their indexes.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "auth/tokens.h"

namespace portal::server {
namespace {

TEST(TokensTest, IdsAreHexDistinctAndSortInTheOrderTheyWereMade) {
  std::vector<std::string> ids;
  for (int round = 0; round < 5; ++round) {
    ids.push_back(new_id());
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  for (const std::string& id : ids) {
    EXPECT_EQ(id.size(), 32u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
  }
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  // Within one millisecond the random part still makes every id different.
  std::set<std::string> burst;
  for (int i = 0; i < 10'000; ++i) burst.insert(new_id());
  EXPECT_EQ(burst.size(), 10'000u);
}

TEST(TokensTest, SessionTokensAreLongAndHashedToHex) {
  const std::string a = new_session_token();
  EXPECT_GE(a.size(), 43u);  // 32 random bytes in URL-safe base64
  EXPECT_NE(a, new_session_token());
  EXPECT_EQ(hash_token(a).size(), 64u);
  EXPECT_EQ(hash_token(a), hash_token(a));
  EXPECT_NE(hash_token(a), hash_token(a + "x"));
}

}  // namespace
}  // namespace portal::server
