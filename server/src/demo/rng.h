// The demo generators' random numbers: splitmix64 with integer-only ranges. The standard
// library's distributions differ between implementations, and byte-identical output is the
// point. (Private to server/src/demo.)
#pragma once
#include <array>
#include <cstdint>
#include <string>

namespace portal::server {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi].
  int64_t range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1));
  }
  template <typename T, size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[next() % N];
  }
  // An index chosen with the given integer weights.
  template <size_t N>
  size_t weighted(const std::array<int, N>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int64_t r = range(0, total - 1);
    for (size_t i = 0; i < N; ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return N - 1;
  }
  std::string id() {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s(32, '0');
    for (int half = 0; half < 2; ++half) {
      uint64_t v = next();
      for (int i = 0; i < 16; ++i, v >>= 4) s[half * 16 + i] = kHex[v & 15];
    }
    return s;
  }

 private:
  uint64_t state_;
};

}  // namespace portal::server
