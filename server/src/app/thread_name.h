// Names the calling thread as `top -H`, perf and gdb show it (at most 15 characters), so a
// profile of the server says which of its threads is busy.
#pragma once
#include <pthread.h>

namespace portal::server {

inline void name_this_thread(const char* name) {
  pthread_setname_np(pthread_self(), name);
}

}  // namespace portal::server
