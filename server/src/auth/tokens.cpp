#include "auth/tokens.h"

#include <sodium.h>

#include <chrono>
#include <cstdint>

namespace portal::server {

std::string new_session_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(out);
}

std::string hash_token(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

std::string new_id() {
  // Milliseconds since 1970 in the first 6 bytes, big-endian: ids made later sort later, so a
  // new row's id goes at the end of its index (random ids landed on a random page of it, one
  // more page written per insert). The other 10 bytes (80 bits) keep it unguessable.
  unsigned char bytes[16];
  const auto ms = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  randombytes_buf(bytes + 6, sizeof bytes - 6);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string(hex);
}

}  // namespace portal::server
