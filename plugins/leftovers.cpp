#include "plugins/leftovers.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fpconform {
namespace {

// The children of pid, from /proc/PID/task/TID/children of every thread.
std::vector<pid_t> children(pid_t pid) {
  std::vector<pid_t> out;
  std::error_code ec;
  const std::filesystem::path tasks = "/proc/" + std::to_string(pid) + "/task";
  for (const auto& t : std::filesystem::directory_iterator(tasks, ec)) {
    std::ifstream f(t.path() / "children");
    for (pid_t c; f >> c;) out.push_back(c);
  }
  return out;
}

std::string command_name(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/comm");
  std::string s;
  std::getline(f, s);
  return s.empty() ? "?" : s;
}

}  // namespace

bool process_alive(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(f, line);
  const std::size_t close = line.rfind(')');
  if (close == std::string::npos || close + 2 >= line.size()) return false;
  const char state = line[close + 2];
  return state != 'Z' && state != 'X';
}

namespace {

void descendants(pid_t pid, std::vector<pid_t>& out) {
  for (pid_t c : children(pid)) {
    out.push_back(c);
    descendants(c, out);
  }
}

}  // namespace

std::string become_subreaper() {
  static const std::string problem = [] {
    return ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
               ? std::string()
               : std::string("prctl(PR_SET_CHILD_SUBREAPER): ") + std::strerror(errno);
  }();
  return problem;
}

std::vector<std::string> kill_leftovers(pid_t root, const std::set<pid_t>& keep) {
  std::vector<std::string> lines;
  std::set<pid_t> seen;
  for (int round = 0; round < 20; ++round) {  // a process may fork while it is being found
    std::vector<pid_t> found;
    if (root > 0) descendants(root, found);
    for (pid_t c : children(::getpid()))
      if (!keep.count(c)) {
        found.push_back(c);
        descendants(c, found);
      }
    bool fresh = false;
    std::erase_if(found, [](pid_t p) { return !process_alive(p); });
    for (pid_t p : found) {
      if (seen.insert(p).second) {
        fresh = true;
        lines.push_back("pid " + std::to_string(p) + " (" + command_name(p) + ")");
      }
      ::kill(p, SIGKILL);
    }
    for (pid_t c : children(::getpid()))
      if (!keep.count(c)) ::waitpid(c, nullptr, 0);
    if (!fresh && found.empty()) break;
    if (!fresh) ::usleep(1000);
  }
  return lines;
}

}  // namespace fpconform
