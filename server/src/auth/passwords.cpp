#include "auth/passwords.h"

#include <sodium.h>

namespace portal::server {

PasswordHasher::PasswordHasher(int max_parallel) : free_slots_(max_parallel) {}

void PasswordHasher::acquire() {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [&] { return free_slots_ > 0; });
  --free_slots_;
}

void PasswordHasher::release() {
  {
    std::lock_guard lock(mutex_);
    ++free_slots_;
  }
  freed_.notify_one();
}

std::optional<std::string> PasswordHasher::hash(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  acquire();
  const int rc = crypto_pwhash_str_alg(out, password.data(), password.size(),
                                       crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                       crypto_pwhash_MEMLIMIT_INTERACTIVE,
                                       crypto_pwhash_ALG_ARGON2ID13);
  release();
  if (rc != 0) return std::nullopt;
  return std::string(out);
}

bool PasswordHasher::verify(const std::string& hash, std::string_view password) {
  acquire();
  const int rc = crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size());
  release();
  return rc == 0;
}

void PasswordHasher::verify_dummy(std::string_view password) {
  std::call_once(dummy_once_, [&] {
    unsigned char random[16];
    randombytes_buf(random, sizeof random);
    dummy_hash_ = hash(std::string_view(reinterpret_cast<const char*>(random), sizeof random))
                      .value_or(std::string());
  });
  if (!dummy_hash_.empty()) verify(dummy_hash_, password);
}

}  // namespace portal::server
