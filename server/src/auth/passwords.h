// Password hashing with argon2id (libsodium), memory-hard so a stolen database is expensive to
// attack. Each hash or verification takes ~64 MiB and ~0.1 s, so callers are limited to a few
// at a time: a burst of log-ins waits instead of exhausting memory.
#pragma once
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace portal::server {

class PasswordHasher {
 public:
  // `max_parallel` hashes or verifications run at once; more callers wait their turn.
  explicit PasswordHasher(int max_parallel = 2);

  // An argon2id hash string ("$argon2id$v=19$...") with a fresh salt, or nothing when libsodium
  // could not allocate the memory.
  std::optional<std::string> hash(std::string_view password);
  // True when `password` matches `hash`. Blocks for the hash's cost: call it off the I/O threads.
  bool verify(const std::string& hash, std::string_view password);
  // Verifies against a fixed hash of a random password, so an unknown e-mail costs the same
  // time as a wrong password and timing does not tell which e-mails exist.
  void verify_dummy(std::string_view password);

 private:
  // A counting semaphore; std::counting_semaphore would do, but this one is easy to read.
  void acquire();
  void release();

  std::mutex mutex_;
  std::condition_variable freed_;
  int free_slots_;

  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace portal::server
