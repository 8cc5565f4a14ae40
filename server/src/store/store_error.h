// The exception a storage failure throws (disk full, corrupt file, lost connection). It ends the
// operation it happened in; the caller answers with an "internal" error and carries on.
#pragma once
#include <stdexcept>

namespace portal::server {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A command id the user already used for a command of another type: replaying the old answer
// would tell the client its new command was applied when nothing was. It ends the command,
// which the application refuses with "conflict".
class CommandConflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace portal::server
