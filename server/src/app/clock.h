// Wall-clock time in the model's unit (UTC seconds since the epoch).
#pragma once
#include <chrono>

#include "portal/model/entities.h"

namespace portal::server {

inline UnixTime unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace portal::server
