#pragma once
// Waits a request's handler leaves to the server: a committed write whose flush to disk is still under way. Inside
// a DeferScope the database records such a wait here and returns at once, so the worker thread is free for other
// requests; the server answers the request only once every recorded wait has completed. Without a scope (the
// background loops, the command line) the database waits itself.
#include <exception>
#include <functional>
#include <vector>

namespace zp::core {

using Completion = std::function<void(std::exception_ptr)>;  // null when it went well
using Await = std::function<void(Completion)>;  // starts waiting; calls the completion once, on any thread

class DeferScope {
 public:
  DeferScope();
  ~DeferScope();
  DeferScope(const DeferScope&) = delete;
  DeferScope& operator=(const DeferScope&) = delete;

  static DeferScope* current();  // the innermost scope on this thread, or none
  void add(Await wait) { waits_.push_back(std::move(wait)); }
  std::vector<Await> take() { return std::move(waits_); }

 private:
  DeferScope* outer_;
  std::vector<Await> waits_;
};

}  // namespace zp::core
