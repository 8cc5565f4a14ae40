// A disk that fails on demand, for tests of what the store does when its write-ahead log
// cannot be written (disk full, I/O error): an SQLite VFS over the default one, registered as
// the default while it lives, whose writes to write-ahead logs fail with SQLITE_IOERR_WRITE
// while failing is switched on. Everything else goes straight to the real files.
// One at a time: connections opened while it lives use it.
#pragma once

namespace portal::server::testing {

class FailingDisk {
 public:
  FailingDisk();
  ~FailingDisk();
  FailingDisk(const FailingDisk&) = delete;
  FailingDisk& operator=(const FailingDisk&) = delete;

  // From now on, every write to a write-ahead log fails (on) or goes through (off).
  void fail_log_writes(bool on);
  // How many writes failed so far.
  int failed_writes() const;
};

}  // namespace portal::server::testing
