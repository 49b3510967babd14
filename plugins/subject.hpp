// The judge's side of a subject process: one per plug-in, serving all its runs through lanes
// (one per thread that calls it), restarted after a failure. The plug-in is loaded only there;
// this process hands it inputs in shared memory, copies its output words back and judges them.
// Nothing the subject writes is read as a verdict: a Reply says only that a call ended (and,
// for messages, its return value and floating-point control register).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <sys/types.h>
#include <vector>

#include "fpconform/deviation.hpp"
#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"
#include "platform/fenv.hpp"
#include "plugins/subject_protocol.hpp"

namespace fpconform {

// A call that did not give output words: the subject crashed, hung, returned an error, or wrote
// outside its buffers. what() is the run's reason: "plug-in crashed: killed by signal 11 ...".
class SubjectFailure : public std::runtime_error {
 public:
  SubjectFailure(const std::string& what, bool died) : std::runtime_error(what), died_(died) {}
  bool died() const { return died_; }  // the subject process is gone (a crash, a hang)

 private:
  bool died_;
};

// What a run left: problem lines (processes left running, the floating-point control register
// changed) and what the subject printed during it.
struct SubjectRunEnd {
  std::vector<std::string> problems;
  std::string output;  // stdout and stderr, truncated to kShownOutput bytes (and a note)
};

class Subject {
 public:
  Subject(std::string path, std::string name);
  ~Subject();
  Subject(const Subject&) = delete;
  Subject& operator=(const Subject&) = delete;

  // From one thread, with no call in flight: (re)starts the process if it is not running and
  // starts the run's clock; every call of the run must end within `timeout`.
  void begin_run(std::chrono::milliseconds timeout);
  // From one thread, after the run's calls: kills what the run left running, reads what the
  // subject printed, and says what changed.
  SubjectRunEnd end_run();
  // Whether a call's output buffer goes to the subject with what the caller's held (so that an
  // element the plug-in leaves unwritten shows as the caller's junk, as the robustness probes
  // need), or as the lane's last output (a copy saved, where any stale word is judged anyway).
  void set_send_outputs(bool on) { send_outputs_ = on; }

  // Stops the process (and all it started); the next begin_run starts a new one.
  void stop();

  // Thread-safe; each throws SubjectFailure. Pointers may be unaligned; the subject gets its
  // buffers at the same offsets modulo 64, each flush against a guard page. A call after the
  // subject died restarts it (when no other call is in flight, up to kRestarts times a run), so
  // that each probe of a run is a call of its own; after that every call fails at once.
  // An arithmetic op's input words are split here into one array per operand (plugin.h's arith).
  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n, Flags* flags);
  void gemm(bool a_unsigned, int m, int n, int k, const void* a, const std::int8_t* b,
            std::int32_t* c);

  // After a run that failed because the subject died in a convert call: restarts it and
  // converts ever shorter prefixes of that call's inputs to find the first input that crashes
  // it alone (its input word), or nullopt (a GEMM call, or no prefix crashes again).
  std::optional<Word> narrow_crash();

  // Stops every subject (before result files are written: nothing of a plug-in runs then).
  static void stop_all();
  // The pids of every running subject process.
  static std::set<pid_t> running();

  static constexpr int kRestarts = 32;

 private:
  struct Region {
    unsigned char* p = nullptr;
    std::size_t bytes = 0;
    std::uint64_t at = 0;  // where its data start in the subject
  };
  struct Lane {
    int sock = -1;
    Region in, out, flags;
    subject::Request last{};  // the request in flight (or the last one)
  };

  // A lane taken for one call, given back when it goes.
  struct LaneHold {
    explicit LaneHold(Subject& s);
    ~LaneHold();
    Subject& subject;
    std::size_t lane;
  };

  void start();
  void limit_cpu();
  std::size_t acquire();
  void release(std::size_t lane);
  void ensure_capacity(Lane& l, std::size_t in, std::size_t out, std::size_t flags);
  subject::Reply call(Lane& l, const subject::Request& q, const int* fds, int nfds);
  [[noreturn]] void fail_dead();
  std::string death_reason(int status);
  void note_fp(const subject::Reply& a);
  void unmap(Region& r);

  std::string path_, name_;
  std::mutex m_;
  std::condition_variable free_cv_;
  std::vector<Lane> lanes_;
  std::vector<std::size_t> free_;
  pid_t pid_ = -1;
  int pidfd_ = -1;
  int capture_fd_ = -1;
  std::uint64_t captured_ = 0;  // bytes of the capture already shown with an earlier run
  subject::CrashNote* note_ = nullptr;
  bool dead_ = false;
  std::string death_;           // the reason every call fails with once dead
  // The convert call a crash was attributed to, with its inputs (narrow_crash's material).
  std::optional<std::pair<subject::Request, std::vector<unsigned char>>> crashed_;
  int restarts_ = 0;
  bool send_outputs_ = false;  // this run's restarts after a failed call
  std::chrono::milliseconds timeout_{600000};
  std::chrono::steady_clock::time_point deadline_;
  FpControl before_load_, after_load_;
  std::vector<std::string> fp_changes_;  // this run's, distinct
};

}  // namespace fpconform
