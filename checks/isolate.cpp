#include "checks/isolate.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <stdexcept>

namespace fpconform {
namespace {

bool write_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= std::size_t(w);
  }
  return true;
}

std::string describe(int status) {
  if (WIFSIGNALED(status)) {
    const int s = WTERMSIG(status);
    const char* abbrev = sigabbrev_np(s);
    return "killed by signal " + std::to_string(s) + " (SIG" + (abbrev ? abbrev : "?") + ": " +
           strsignal(s) + ")";
  }
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  return "ended with wait status " + std::to_string(status);
}

}  // namespace

ChildOutcome run_isolated(const std::function<std::string()>& work,
                          std::chrono::milliseconds timeout) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::close(fds[0]);
    ::setpgid(0, 0);  // its own group: a timeout kills whatever it started too
    // First byte: 'O' the work's output follows, 'E' an exception's message follows.
    std::string out;
    char tag = 'O';
    try {
      out = work();
    } catch (const std::exception& e) {
      tag = 'E';
      out = e.what();
    } catch (...) {
      tag = 'E';
      out = "an exception that is not a std::exception";
    }
    const bool ok = write_all(fds[1], &tag, 1) && write_all(fds[1], out.data(), out.size());
    ::close(fds[1]);
    ::_exit(ok ? 0 : 120);
  }
  ::close(fds[1]);
  ::setpgid(pid, pid);  // both sides set it: no race with the child's first instructions

  ChildOutcome o;
  std::string data;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool timed_out = false;
  char buf[65536];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    const int r = ::poll(&p, 1, int(std::min<long long>(left.count(), 1000)));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) break;
    if (r == 0) continue;
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF: the child closed its end (exited, or crashed)
    data.append(buf, std::size_t(n));
  }
  ::close(fds[0]);
  if (timed_out) ::kill(-pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    o.failure = "timed out after " + std::to_string(timeout.count() / 1000.0).substr(0, 5) +
                " s (killed)";
    return o;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !data.empty()) {
    if (data[0] == 'O') {
      o.completed = true;
      o.output = data.substr(1);
    } else {
      o.failure = "threw: " + data.substr(1);
    }
    return o;
  }
  o.failure = describe(status);
  return o;
}

}  // namespace fpconform
