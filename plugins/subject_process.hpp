// The subject process's side: what runs in the child that loads a plug-in and computes for the
// judge. It keeps only its lane sockets (fds 3..), the crash note (a mapping) and its captured
// stdout and stderr; it leaves the session, drops every capability and core files, and then
// loads the plug-in and serves requests until the judge closes its sockets.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "plugins/subject_protocol.hpp"

namespace fpconform::subject {

struct Setup {
  std::string path;             // the plug-in
  std::vector<int> lanes;       // the subject's ends of the lane sockets
  int capture = -1;             // becomes stdout and stderr
  CrashNote* note = nullptr;    // shared with the judge
  std::uint64_t address_space = 0;  // RLIMIT_AS in bytes, 0: none
  int parent = 0;               // the judge's pid: the subject ends if it is gone
};

// In the child just forked; never returns.
[[noreturn]] void serve(const Setup& s);

}  // namespace fpconform::subject
