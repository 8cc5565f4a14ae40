#include "failing_disk.h"

#include <sqlite3.h>

#include <atomic>
#include <cstddef>
#include <stdexcept>

namespace portal::server::testing {
namespace {

// Our file: SQLite allocates vfs.szOsFile bytes for it; the real VFS's file follows ours.
struct File {
  sqlite3_file base;
  sqlite3_file* real;
  bool is_log;
};

constexpr size_t kRealOffset = (sizeof(File) + alignof(std::max_align_t) - 1) /
                               alignof(std::max_align_t) * alignof(std::max_align_t);

sqlite3_vfs* g_real = nullptr;  // the default VFS we stand in front of
bool g_live = false;            // a FailingDisk exists
sqlite3_vfs g_vfs;              // a copy of it with our xOpen
sqlite3_io_methods g_methods;   // forwards to the real file, except failing log writes
std::atomic<bool> g_fail_log_writes{false};
std::atomic<int> g_failed_writes{0};

sqlite3_file* real(sqlite3_file* f) {
  return reinterpret_cast<File*>(f)->real;
}

int x_close(sqlite3_file* f) {
  return real(f)->pMethods->xClose(real(f));
}
int x_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 at) {
  return real(f)->pMethods->xRead(real(f), buf, n, at);
}
int x_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 at) {
  if (reinterpret_cast<File*>(f)->is_log && g_fail_log_writes.load()) {
    g_failed_writes.fetch_add(1);
    return SQLITE_IOERR_WRITE;
  }
  return real(f)->pMethods->xWrite(real(f), buf, n, at);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  return real(f)->pMethods->xTruncate(real(f), size);
}
int x_sync(sqlite3_file* f, int flags) {
  return real(f)->pMethods->xSync(real(f), flags);
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
  return real(f)->pMethods->xFileSize(real(f), size);
}
int x_lock(sqlite3_file* f, int level) {
  return real(f)->pMethods->xLock(real(f), level);
}
int x_unlock(sqlite3_file* f, int level) {
  return real(f)->pMethods->xUnlock(real(f), level);
}
int x_check_reserved_lock(sqlite3_file* f, int* out) {
  return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) {
  return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int x_sector_size(sqlite3_file* f) {
  return real(f)->pMethods->xSectorSize(real(f));
}
int x_device_characteristics(sqlite3_file* f) {
  return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
int x_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) {
  real(f)->pMethods->xShmBarrier(real(f));
}
int x_shm_unmap(sqlite3_file* f, int delete_flag) {
  return real(f)->pMethods->xShmUnmap(real(f), delete_flag);
}
int x_fetch(sqlite3_file* f, sqlite3_int64 at, int n, void** out) {
  return real(f)->pMethods->xFetch(real(f), at, n, out);
}
int x_unfetch(sqlite3_file* f, sqlite3_int64 at, void* p) {
  return real(f)->pMethods->xUnfetch(real(f), at, p);
}

int x_open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out_flags) {
  File* file = reinterpret_cast<File*>(f);
  file->base.pMethods = nullptr;
  file->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + kRealOffset);
  file->is_log = (flags & SQLITE_OPEN_WAL) != 0;
  const int rc = g_real->xOpen(g_real, name, file->real, flags, out_flags);
  // SQLite closes a file only when its methods are set: only when the real open set its own.
  if (file->real->pMethods) {
    g_methods.iVersion = file->real->pMethods->iVersion;
    file->base.pMethods = &g_methods;
  }
  return rc;
}

}  // namespace

FailingDisk::FailingDisk() {
  if (g_live) throw std::logic_error("one FailingDisk at a time");
  g_live = true;
  if (!g_real) g_real = sqlite3_vfs_find(nullptr);
  g_vfs = *g_real;
  g_vfs.zName = "portal-failing-disk";
  g_vfs.szOsFile = static_cast<int>(kRealOffset) + g_real->szOsFile;
  g_vfs.xOpen = x_open;
  g_vfs.pNext = nullptr;
  g_methods = sqlite3_io_methods{};
  g_methods.xClose = x_close;
  g_methods.xRead = x_read;
  g_methods.xWrite = x_write;
  g_methods.xTruncate = x_truncate;
  g_methods.xSync = x_sync;
  g_methods.xFileSize = x_file_size;
  g_methods.xLock = x_lock;
  g_methods.xUnlock = x_unlock;
  g_methods.xCheckReservedLock = x_check_reserved_lock;
  g_methods.xFileControl = x_file_control;
  g_methods.xSectorSize = x_sector_size;
  g_methods.xDeviceCharacteristics = x_device_characteristics;
  g_methods.xShmMap = x_shm_map;
  g_methods.xShmLock = x_shm_lock;
  g_methods.xShmBarrier = x_shm_barrier;
  g_methods.xShmUnmap = x_shm_unmap;
  g_methods.xFetch = x_fetch;
  g_methods.xUnfetch = x_unfetch;
  g_fail_log_writes = false;
  g_failed_writes = 0;
  sqlite3_vfs_register(&g_vfs, 1);
}

FailingDisk::~FailingDisk() {
  // Connections still open keep working: our VFS and methods stay, only the default changes.
  sqlite3_vfs_unregister(&g_vfs);
  sqlite3_vfs_register(g_real, 1);
  g_fail_log_writes = false;
  g_live = false;
}

void FailingDisk::fail_log_writes(bool on) {
  g_fail_log_writes = on;
}

int FailingDisk::failed_writes() const {
  return g_failed_writes.load();
}

}  // namespace portal::server::testing
