// Running untrusted code (a vendor's plug-in, a robustness probe that may write past a buffer) in
// a child process, so that a crash or a hang is a reported failure and the suite goes on.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace fpconform {

struct ChildOutcome {
  bool completed = false;  // the work returned and the child exited 0
  std::string output;      // what the work returned (complete only when `completed`)
  // When not completed, in words: "killed by signal 11 (SIGSEGV: Segmentation fault)",
  // "timed out after 10 s (killed)", "exited with status 3", "threw: <what()>".
  std::string failure;
};

// Forks; the child runs work() and sends its string back over a pipe; the parent waits at most
// `timeout` (then SIGKILLs the child's whole process group). The child ends with _exit, so no
// destructors or atexit handlers of the parent's state run twice. The parent must not hold locks
// other threads could be holding (call it from one thread, outside parallel regions).
ChildOutcome run_isolated(const std::function<std::string()>& work, std::chrono::milliseconds timeout);

}  // namespace fpconform
