#pragma once

#include <pthread.h>

namespace zp::core {

// Names the calling thread as `top -H`, `ps -L` and `perf` show it (at most 15 characters).
inline void name_this_thread(const char* name) { pthread_setname_np(pthread_self(), name); }

}  // namespace zp::core
