// Preloaded into portal-server by tests (LD_PRELOAD) to stand for a disk that fails: while the
// file named by PORTAL_TEST_FAIL_SYNC exists, fdatasync fails with EIO, as it does when the
// disk cannot write the pages back. Every other call goes to the C library.
#include <dlfcn.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

extern "C" int fdatasync(int fd) {
  using Fn = int (*)(int);
  static const Fn real = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "fdatasync"));
  const char* flag = std::getenv("PORTAL_TEST_FAIL_SYNC");
  if (flag && access(flag, F_OK) == 0) {
    errno = EIO;
    return -1;
  }
  return real(fd);
}
