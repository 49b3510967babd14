// The machinery of the robustness probes, shared by those of conversions (checks/robustness.cpp)
// and of INT8 GEMMs (checks/int8/gemm_robustness.cpp): buffers between PROT_NONE guard pages with
// canaries around the data, inputs sealed read-only, the SIGSEGV handler that names the guard or
// read-only page a kernel hit, and the record a probe family leaves for its parent when it runs
// in a child (checks/isolate.hpp).
//
// One fenced buffer, `bytes` of data ending flush against the guard after it:
//   | guard (PROT_NONE) | canaries ... | data (bytes) | guard (PROT_NONE) |
//                       ^ lo                          ^ hi (page aligned)
// or, placed at an offset, starting `offset` bytes past a 64-byte boundary, with fewer than 64
// bytes of canaries between its end and the guard. Sealed, the pages between the guards are
// PROT_READ: a write into the data, or into the canaries, faults there.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "checks/isolate.hpp"

namespace fpconform {

// Problems listed per probe family; the rest are counted.
constexpr std::size_t kProbeProblemsListed = 10;

// What a probe family leaves for its parent, in memory shared across the fork (SharedProbeRecord):
// it outlives a child killed by a fault, so the parent still learns which call was running and
// what it hit. The SIGSEGV handler writes fault_what and fault_where.
struct ProbeRecord {
  std::atomic<std::uint64_t> calls{0};
  std::atomic<std::uint32_t> problems{0};  // found, listed or not
  char context[256] = {};                  // the call in progress: "lengths probe, length 17"
  char fault_what[128] = {};               // "wrote past the end of out", "wrote into A"
  char fault_where[128] = {};              // "guard page hit at end+0"
  char listed[32768] = {};                 // the first kProbeProblemsListed problems, one a line

  void set_context(const std::string& text);
  // One problem, a whole line ("lengths probe, length 17: ..."): counted, and listed while fewer
  // than kProbeProblemsListed are. From one thread at a time.
  void add_problem(const std::string& line);
};

// A ProbeRecord in shared anonymous memory: what a forked child writes there, its parent reads.
class SharedProbeRecord {
 public:
  SharedProbeRecord();
  ~SharedProbeRecord();
  SharedProbeRecord(const SharedProbeRecord&) = delete;
  SharedProbeRecord& operator=(const SharedProbeRecord&) = delete;
  ProbeRecord& operator*() const { return *record_; }
  ProbeRecord* operator->() const { return record_; }

 private:
  ProbeRecord* record_;
};

// Runs one probe family's work with the SIGSEGV handler installed: in a child (run_isolated,
// killed after `timeout`), or, in_process, in this process, where a fault ends this process after
// the handler has said where on stderr and no timeout applies (for backends that cannot be forked:
// CUDA does not survive a fork; a plug-in's proxy talks to a subject process of its own).
ChildOutcome run_probe_family(ProbeRecord& record, bool in_process, const std::function<void()>& work,
                              std::chrono::milliseconds timeout);

// Appends the family's problems: each listed line, "... and N more problems in the <family>
// probe", and, when the family did not complete, how it ended, named by the call in progress:
// "<context>: wrote past the end of out (guard page hit at end+0: killed by signal 11 (...))".
void collect_problems(const ProbeRecord& record, const ChildOutcome& outcome, const std::string& family,
                      std::vector<std::string>& problems);

// Runs probe families in order, each with a ProbeRecord of its own, by run_probe_family, and
// collects their problems; work(k, record) runs family k, named names[k] ("ragged"). A family
// that hangs stops the rest ("determinism and two-threads probes not run: the
// lengths probe hung"). Returns the calls the families counted in their records.
std::uint64_t run_probe_families(const std::vector<std::string>& names, bool in_process,
                                 std::chrono::milliseconds timeout,
                                 const std::function<void(std::size_t, ProbeRecord&)>& work,
                                 std::vector<std::string>& problems);

// See the top. `name` (a string literal: the handler reads it) names the buffer in messages;
// an `input` is one the kernel should only read (a fault on its guard page without the CPU's
// read/write bit is taken as a read); `element` bytes make an element, to name a read-only hit.
class Fenced {
 public:
  Fenced(const char* name, bool input, std::size_t bytes, int offset = -1, std::size_t element = 1);
  ~Fenced();
  Fenced(const Fenced&) = delete;
  Fenced& operator=(const Fenced&) = delete;

  unsigned char* data() const { return start_; }
  unsigned char* end() const { return start_ + bytes_; }
  std::size_t size() const { return bytes_; }
  void fill(unsigned char v);

  // The pages between the guards read-only from now on: a write into the data is named by the
  // element it hit ("wrote into A (read-only page hit at element 3)"), one into the canaries by
  // its distance from the data. Fill the data first.
  void seal();

  // "" when the canaries are intact, else how far before the start (or past the end) the
  // furthest changed byte lies; the canaries are then put back for the next call.
  std::string damage();

 private:
  std::size_t bytes_;
  std::size_t map_bytes_ = 0;
  unsigned char* map_ = nullptr;
  unsigned char* lo_ = nullptr;  // first page between the guards
  unsigned char* hi_ = nullptr;  // the guard after
  unsigned char* start_ = nullptr;
  int slot_ = -1;
  std::string name_;
};

}  // namespace fpconform
