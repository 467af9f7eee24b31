#include "core/deferred.hpp"

namespace zp::core {

namespace {
thread_local DeferScope* innermost = nullptr;
}

DeferScope::DeferScope() : outer_(innermost) { innermost = this; }
DeferScope::~DeferScope() { innermost = outer_; }
DeferScope* DeferScope::current() { return innermost; }

}  // namespace zp::core
