// Random identifiers and session tokens. Tokens are shown to the client once and stored only as
// a SHA-256 hash, so a leaked database does not hand out live sessions.
#pragma once
#include <string>
#include <string_view>

namespace portal::server {

// 32 random bytes, base64url without padding (43 characters).
std::string new_session_token();
// Hex SHA-256 of a token: the form in which sessions are stored and looked up.
std::string hash_token(std::string_view token);
// 32 lower-case hex characters: the time in milliseconds (6 bytes), then 10 random bytes.
// Unguessable ids for rows that sort in the order they were made.
std::string new_id();

}  // namespace portal::server
