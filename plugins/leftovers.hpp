// Processes a run left behind: the subject's descendants, and orphans re-parented to this process
// (a child subreaper, so that a double fork does not escape). Each is killed and reaped.
#pragma once

#include <set>
#include <string>
#include <sys/types.h>
#include <vector>

namespace fpconform {

// Running or stopped, not ended: a zombie (exited, not yet reaped) is not alive, and a process
// that ended by itself was not left running.
bool process_alive(pid_t pid);

// Makes this process the subreaper of its descendants (once; idempotent). "" or why it cannot
// be one ("prctl(PR_SET_CHILD_SUBREAPER): Invalid argument", as under qemu-user): then a process
// that leaves its subject's process group and session is not found when its run ends.
std::string become_subreaper();

// Kills (SIGKILL) every descendant of `root` (not root itself) and every child of this process
// not in `keep`, reaps this process's own, and returns one line per process: "pid 4242 (sleep)".
std::vector<std::string> kill_leftovers(pid_t root, const std::set<pid_t>& keep);

}  // namespace fpconform
