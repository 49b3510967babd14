#include "plugins/subject.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "fpconform/container.hpp"
#include "plugins/leftovers.hpp"
#include "plugins/plugin_library.hpp"
#include "plugins/subject_process.hpp"

namespace fpconform {
namespace {

using subject::Kind;
using subject::Outcome;
using subject::Reply;
using subject::Request;

constexpr std::size_t kCanaryWindow = 256;  // bytes checked before a buffer's start
constexpr std::size_t kShownOutput = 2000;  // bytes of a run's stdout and stderr kept
constexpr std::size_t kMinRegion = 1 << 16;

#if defined(__SANITIZE_ADDRESS__)
constexpr std::uint64_t kAddressSpace = 0;  // ASan reserves terabytes of shadow
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr std::uint64_t kAddressSpace = 0;
#else
constexpr std::uint64_t kAddressSpace = std::uint64_t{16} << 30;
#endif
#else
constexpr std::uint64_t kAddressSpace = std::uint64_t{16} << 30;
#endif

// Never destroyed: subjects end with the backends that own them, in static destruction.
std::mutex& g_all_mutex = *new std::mutex;
std::set<Subject*>& g_all = *new std::set<Subject*>;
std::set<pid_t>& g_pids = *new std::set<pid_t>;  // every running subject's: not another's leftovers

std::size_t page_size() { return std::size_t(::sysconf(_SC_PAGESIZE)); }

unsigned char canary(std::size_t i) { return static_cast<unsigned char>(0xA7 ^ (i * 0x3D) ^ (i >> 8)); }

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

std::string hex(std::uint64_t v) {
  std::string s;
  do {
    s.insert(s.begin(), "0123456789ABCDEF"[v & 15]);
    v >>= 4;
  } while (v);
  return "0x" + s;
}

std::string signal_text(int s) {
  const char* abbrev = sigabbrev_np(s);
  return "killed by signal " + std::to_string(s) + " (SIG" + (abbrev ? abbrev : "?") + ": " +
         strsignal(s) + ")";
}

// The offset in a region of `bytes` at which `len` bytes end as near its end as `residue`
// (the caller's address modulo 64) allows.
std::size_t place(std::size_t bytes, std::size_t len, std::size_t residue) {
  std::size_t off = bytes - len;
  return off - (off + 64 - residue) % 64;
}

void fill_canaries(unsigned char* p, std::size_t bytes, std::size_t off, std::size_t len) {
  for (std::size_t i = off > kCanaryWindow ? off - kCanaryWindow : 0; i < off; ++i) p[i] = canary(i);
  for (std::size_t i = off + len; i < bytes; ++i) p[i] = canary(i);
}

// "" or "wrote 4 bytes past the end of out"; the canaries put back.
std::string canary_damage(unsigned char* p, std::size_t bytes, std::size_t off, std::size_t len,
                          const char* name) {
  std::string s;
  for (std::size_t i = off > kCanaryWindow ? off - kCanaryWindow : 0; i < off; ++i)
    if (p[i] != canary(i)) {
      s = "wrote " + std::to_string(off - i) + " bytes before the start of " + name;
      break;
    }
  for (std::size_t i = bytes; i-- > off + len;)
    if (p[i] != canary(i)) {
      s += (s.empty() ? "" : "; ") + std::string("wrote ") + std::to_string(i - off - len + 1) +
           " bytes past the end of " + name;
      break;
    }
  if (!s.empty()) fill_canaries(p, bytes, off, len);
  return s;
}

// CPU seconds the process has used so far.
double cpu_seconds(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(f, line);
  const std::size_t close = line.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream rest(line.substr(close + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stoull(field);
    if (i == 15) stime = std::stoull(field);
  }
  return double(utime + stime) / double(::sysconf(_SC_CLK_TCK));
}

// Where operand i's array of a convert or arith request starts in the input region.
std::uint64_t* operand_offset(Request& q, int i) {
  return i == 0 ? &q.in_offset : i == 1 ? &q.b_offset : &q.c_offset;
}
std::uint64_t operand_offset(const Request& q, int i) {
  return i == 0 ? q.in_offset : i == 1 ? q.b_offset : q.c_offset;
}

// A convert or arith request's input words, as the judge handed them (operation.hpp's layout).
std::vector<unsigned char> input_words(const Request& q, const unsigned char* region) {
  const Op op = static_cast<Op>(q.op);
  const Format& src = *info(op).src;
  const int bits = input_bits(op);
  std::vector<unsigned char> words(q.n * word_bytes(bits));
  for (std::size_t k = 0; k < q.n; ++k) {
    std::uint64_t word = 0;
    for (std::uint32_t i = 0; i < q.operands; ++i)
      word = (src.container_bits == 64 ? 0 : word << src.container_bits) |
             load_container(src, region + operand_offset(q, int(i)), k);
    store_word(bits, words.data(), k, word);
  }
  return words;
}

int make_memfd(const char* name, std::size_t bytes) {
  const int fd = ::memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0) throw SubjectFailure("plug-in failed: " + errno_text("memfd_create"), false);
  if (::ftruncate(fd, off_t(bytes)) != 0) {
    ::close(fd);
    throw SubjectFailure("plug-in failed: " + errno_text("ftruncate"), false);
  }
  return fd;
}

}  // namespace

Subject::Subject(std::string path, std::string name) : path_(std::move(path)), name_(std::move(name)) {
  void* m = ::mmap(nullptr, page_size(), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) throw std::runtime_error(errno_text("mmap"));
  note_ = new (m) subject::CrashNote;
  const std::lock_guard lock(g_all_mutex);
  g_all.insert(this);
}

Subject::~Subject() {
  stop();
  {
    const std::lock_guard lock(g_all_mutex);
    g_all.erase(this);
  }
  note_->~CrashNote();
  ::munmap(note_, page_size());
}

void Subject::stop_all() {
  std::vector<Subject*> all;
  {
    const std::lock_guard lock(g_all_mutex);
    all.assign(g_all.begin(), g_all.end());
  }
  for (Subject* s : all) s->stop();
  kill_leftovers(-1, {});
}

std::set<pid_t> Subject::running() {
  const std::lock_guard lock(g_all_mutex);
  return g_pids;
}

void Subject::start() {
  become_subreaper();
  // Not ptrace-able, /proc/PID/mem closed: the subject (without capabilities) cannot reach in.
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  const unsigned lanes = std::clamp(2 * std::thread::hardware_concurrency(), 2u, 16u);  // plugin_run.cpp
  lanes_.assign(lanes, Lane{});
  std::vector<int> theirs;
  for (Lane& l : lanes_) {
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
      throw SubjectFailure("plug-in failed: " + errno_text("socketpair"), false);
    l.sock = sv[0];
    theirs.push_back(sv[1]);
  }
  capture_fd_ = ::memfd_create("fpconform-subject-output", MFD_CLOEXEC);
  if (capture_fd_ < 0) throw SubjectFailure("plug-in failed: " + errno_text("memfd_create"), false);
  captured_ = 0;
  note_->signal.store(0);
  note_->lane = -1;
  note_->write = -1;
  note_->address = 0;
  std::fflush(nullptr);  // the child must not write out a copy of what is buffered here
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw SubjectFailure("plug-in failed: " + errno_text("fork"), false);
  if (pid == 0) subject::serve({path_, theirs, capture_fd_, note_, kAddressSpace, parent});
  for (int fd : theirs) ::close(fd);
  pid_ = pid;
  pidfd_ = int(::syscall(SYS_pidfd_open, pid, 0));
  dead_ = false;
  death_.clear();
  {
    const std::lock_guard lock(g_all_mutex);
    g_pids.insert(pid);
  }
  free_.clear();
  for (std::size_t i = lanes_.size(); i-- > 0;) free_.push_back(i);

  subject::Hello hello{};
  pollfd p[2] = {{lanes_[0].sock, POLLIN, 0}, {pidfd_, POLLIN, 0}};
  const int r = ::poll(p, 2, int(std::min<long long>(timeout_.count(), 600000)));
  if (r <= 0 || !(p[0].revents & POLLIN) ||
      ::recv(lanes_[0].sock, &hello, sizeof hello, 0) != ssize_t(sizeof hello)) {
    std::string why = r == 0 ? "hung while loading" : "died while loading";
    stop();
    throw SubjectFailure("plug-in failed: its subject process " + why, true);
  }
  if (hello.error[0]) {
    hello.error[sizeof hello.error - 1] = 0;
    stop();
    throw SubjectFailure(std::string("plug-in failed: ") + hello.error, true);
  }
  before_load_ = {hello.fp_known != 0, hello.fp_before_load};
  after_load_ = {hello.fp_known != 0, hello.fp_after_load};
}

void Subject::stop() {
  if (pid_ > 0) {
    for (Lane& l : lanes_)
      if (l.sock >= 0) ::close(l.sock), l.sock = -1;
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);
    if (!dead_) ::waitpid(pid_, nullptr, 0);
    const std::lock_guard lock(g_all_mutex);
    g_pids.erase(pid_);
  }
  for (Lane& l : lanes_) {
    if (l.sock >= 0) ::close(l.sock);
    unmap(l.in);
    unmap(l.out);
    unmap(l.flags);
  }
  lanes_.clear();
  free_.clear();
  if (pidfd_ >= 0) ::close(pidfd_);
  if (capture_fd_ >= 0) ::close(capture_fd_);
  pidfd_ = capture_fd_ = -1;
  pid_ = -1;
  dead_ = false;
}

void Subject::unmap(Region& r) {
  if (r.p) ::munmap(r.p, r.bytes);
  r = {};
}

void Subject::begin_run(std::chrono::milliseconds timeout) {
  timeout_ = timeout;
  fp_changes_.clear();
  crashed_.reset();
  restarts_ = 0;
  if (pid_ < 0 || dead_) {
    stop();
    start();
  }
  deadline_ = std::chrono::steady_clock::now() + timeout;
  limit_cpu();
}

void Subject::limit_cpu() {
  // A CPU budget for the run on top of what the subject has used: the wall-clock timeout of
  // every lane busy all the time, and a second.
  const double budget = double(timeout_.count()) / 1000.0 * double(lanes_.size()) + 1;
  const auto soft = static_cast<rlim_t>(cpu_seconds(pid_) + budget);
  const rlimit cpu{soft, soft + 5};
  ::prlimit(pid_, RLIMIT_CPU, &cpu, nullptr);
}

SubjectRunEnd Subject::end_run() {
  SubjectRunEnd end;
  for (const std::string& p : kill_leftovers(dead_ ? -1 : pid_, running()))
    end.problems.push_back("left a process running when its run ended: " + p + ", killed");
  if (const std::string c = describe_fp_control_change(before_load_, after_load_); !c.empty())
    end.problems.push_back("loading the plug-in changed the floating-point environment: " + c);
  for (const std::string& c : fp_changes_)
    end.problems.push_back("a call left the floating-point environment changed: " + c);
  if (capture_fd_ >= 0) {
    struct stat st {};
    if (::fstat(capture_fd_, &st) == 0 && std::uint64_t(st.st_size) > captured_) {
      const std::uint64_t total = std::uint64_t(st.st_size) - captured_;
      std::string text(std::min<std::uint64_t>(total, kShownOutput), '\0');
      const ssize_t r = ::pread(capture_fd_, text.data(), text.size(), off_t(captured_));
      text.resize(r > 0 ? std::size_t(r) : 0);
      text = printable(text, true);  // maybe not UTF-8, not XML, a terminal escape
      if (total > text.size()) text += "\n... (" + std::to_string(total - text.size()) + " more bytes)";
      end.output = std::move(text);
      captured_ = std::uint64_t(st.st_size);
    }
  }
  return end;
}

Subject::LaneHold::LaneHold(Subject& s) : subject(s), lane(s.acquire()) {}
Subject::LaneHold::~LaneHold() { subject.release(lane); }

std::size_t Subject::acquire() {
  std::unique_lock lock(m_);
  free_cv_.wait(lock, [&] { return !free_.empty() || dead_ || pid_ < 0; });
  if (dead_ && restarts_ < kRestarts && free_.size() == lanes_.size()) {
    ++restarts_;
    stop();
    try {
      start();
      limit_cpu();
    } catch (const SubjectFailure&) {
      dead_ = true;
      throw;
    }
  }
  if (dead_) throw SubjectFailure(death_, true);
  if (pid_ < 0) throw SubjectFailure("plug-in failed: its subject process is not running", true);
  const std::size_t lane = free_.back();
  free_.pop_back();
  return lane;
}

void Subject::release(std::size_t lane) {
  {
    const std::lock_guard lock(m_);
    free_.push_back(lane);
  }
  free_cv_.notify_one();
}

void Subject::ensure_capacity(Lane& l, std::size_t in, std::size_t out,
                              std::size_t flags) {
  const std::size_t slack = kCanaryWindow + 64;
  if (l.in.p && in + slack <= l.in.bytes && out + slack <= l.out.bytes && flags + slack <= l.flags.bytes)
    return;
  const std::size_t page = page_size();
  const auto size = [&](std::size_t need, std::size_t now) {
    const std::size_t want = std::max({need + slack, kMinRegion, now});
    return (want + page - 1) / page * page;
  };
  const std::size_t sizes[3] = {size(in, l.in.bytes), size(out, l.out.bytes), size(flags, l.flags.bytes)};
  int fds[3];
  Region* regions[3] = {&l.in, &l.out, &l.flags};
  static constexpr const char* kNames[3] = {"fpconform-in", "fpconform-out", "fpconform-flags"};
  for (int i = 0; i < 3; ++i) {
    fds[i] = make_memfd(kNames[i], sizes[i]);
    unmap(*regions[i]);
    void* p = ::mmap(nullptr, sizes[i], PROT_READ | PROT_WRITE, MAP_SHARED, fds[i], 0);
    if (p == MAP_FAILED) throw SubjectFailure("plug-in failed: " + errno_text("mmap"), false);
    regions[i]->p = static_cast<unsigned char*>(p);
    regions[i]->bytes = sizes[i];
    // Fixed size (no SIGBUS here from a shrunk file); the input never writable there.
    const int seals = F_SEAL_SHRINK | F_SEAL_GROW | (i == 0 ? F_SEAL_FUTURE_WRITE : 0) | F_SEAL_SEAL;
    if (::fcntl(fds[i], F_ADD_SEALS, seals) != 0)
      throw SubjectFailure("plug-in failed: " + errno_text("F_ADD_SEALS"), false);
  }
  Request q{};
  q.kind = Kind::map;
  q.in_bytes = sizes[0];
  q.out_bytes = sizes[1];
  q.flags_bytes = sizes[2];
  Reply a;
  try {
    a = call(l, q, fds, 3);
  } catch (...) {
    for (int fd : fds) ::close(fd);
    throw;
  }
  for (int fd : fds) ::close(fd);
  if (a.outcome != Outcome::done) {
    a.error[sizeof a.error - 1] = 0;
    throw SubjectFailure(std::string("plug-in failed: its subject process: ") + a.error, false);
  }
  l.in.at = a.in_at;
  l.out.at = a.out_at;
  l.flags.at = a.flags_at;
}

Reply Subject::call(Lane& l, const Request& q, const int* fds, int nfds) {
  l.last = q;
  iovec iov{const_cast<Request*>(&q), sizeof q};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(3 * sizeof(int))] = {};
  if (nfds > 0) {
    msg.msg_control = control;
    msg.msg_controllen = CMSG_SPACE(std::size_t(nfds) * sizeof(int));
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(std::size_t(nfds) * sizeof(int));
    std::memcpy(CMSG_DATA(c), fds, std::size_t(nfds) * sizeof(int));
  }
  ssize_t sent;
  while ((sent = ::sendmsg(l.sock, &msg, MSG_NOSIGNAL)) < 0 && errno == EINTR) {
  }
  if (sent != ssize_t(sizeof q)) fail_dead();
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline_ - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      std::unique_lock lock(m_);
      if (!dead_) {
        ::kill(-pid_, SIGKILL);
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        dead_ = true;
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.1f", double(timeout_.count()) / 1000.0);
        death_ = std::string("plug-in hung: timed out after ") + secs + " s (killed)";
      }
      lock.unlock();
      free_cv_.notify_all();
      throw SubjectFailure(death_, true);
    }
    pollfd p[2] = {{l.sock, POLLIN, 0}, {pidfd_, POLLIN, 0}};
    const int r = ::poll(p, 2, int(std::min<long long>(left.count(), 1000)));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      // Without a pidfd (an emulator without pidfd_open), a subject whose sockets a child of
      // its still holds open is seen to have died here, once a second.
      if (pidfd_ < 0 && !process_alive(pid_)) fail_dead();
      continue;
    }
    if (p[0].revents & POLLIN) {
      Reply a;
      const ssize_t got = ::recv(l.sock, &a, sizeof a, 0);
      if (got == ssize_t(sizeof a)) return a;
      if (got < 0 && errno == EINTR) continue;
      if (got > 0) {  // not a reply the subject's own code sends: the plug-in wrote on its channel
        {
          const std::lock_guard lock(m_);
          if (!dead_) {
            ::kill(-pid_, SIGKILL);
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
            dead_ = true;
            death_ = "plug-in tampered with its channel to fpconform: a message of " +
                     std::to_string(got) + " bytes where a reply has " + std::to_string(sizeof a) +
                     " (its subject process was killed)";
          }
        }
        free_cv_.notify_all();
        throw SubjectFailure(death_, true);
      }
      fail_dead();
    }
    if (p[0].revents & (POLLHUP | POLLERR) || p[1].revents) fail_dead();
  }
}

void Subject::fail_dead() {
  {
    const std::lock_guard lock(m_);
    if (!dead_) {
      int status = 0;
      ::kill(-pid_, SIGKILL);  // what it started in its group ends with it
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
      death_ = death_reason(status);
      dead_ = true;
    }
  }
  free_cv_.notify_all();
  throw SubjectFailure(death_, true);
}

std::string Subject::death_reason(int status) {
  if (WIFEXITED(status))
    return "plug-in failed: its subject process ended with exit status " +
           std::to_string(WEXITSTATUS(status)) + " (the plug-in ended the process)";
  if (!WIFSIGNALED(status)) return "plug-in failed: its subject process ended (wait status " + std::to_string(status) + ")";
  const int sig = WTERMSIG(status);
  if (sig == SIGXCPU)
    return "plug-in exceeded its CPU time (RLIMIT_CPU, the run's timeout on every lane): " + signal_text(sig);
  std::string where;
  if (note_->signal.load() == std::uint32_t(sig)) {
    if (note_->lane < 0) {
      where = "in a thread the plug-in started";
    } else if (std::size_t(note_->lane) < lanes_.size()) {
      const Lane& l = lanes_[std::size_t(note_->lane)];
      const Request& q = l.last;
      const bool gemm = q.kind == Kind::gemm;
      if ((q.kind == Kind::convert || q.kind == Kind::arith) && l.in.p) crashed_.emplace(q, input_words(q, l.in.p));
      const std::uint64_t a = note_->address, page = page_size();
      const char* touched = note_->write == 1 ? "wrote" : note_->write == 0 ? "read" : "touched";
      const std::size_t sb = gemm ? 1 : container_bytes(*info(static_cast<Op>(q.op)).src);
      const std::size_t db = gemm ? 4 : container_bytes(*info(static_cast<Op>(q.op)).dst);
      struct Buffer {
        const char* name;
        const Region* region;
        std::uint64_t start, end;  // the call's buffer in the subject
        bool input;
        std::size_t element;
      };
      std::vector<Buffer> buffers;
      if (gemm) {
        buffers.push_back({"A", &l.in, l.in.at + q.in_offset, l.in.at + q.in_offset + std::uint64_t(q.m) * q.k, true, 1});
        buffers.push_back({"B", &l.in, l.in.at + q.b_offset, l.in.at + q.b_offset + std::uint64_t(q.k) * q.cols, true, 1});
        buffers.push_back({"C", &l.out, l.out.at + q.out_offset, l.out.at + q.out_offset + std::uint64_t(q.m) * q.cols * 4, false, 4});
      } else if (q.kind == Kind::arith) {
        static constexpr const char* kOperands[3] = {"a", "b", "c"};
        for (std::uint32_t i = 0; i < q.operands && i < 3; ++i) {
          const std::uint64_t start = l.in.at + operand_offset(q, int(i));
          buffers.push_back({kOperands[i], &l.in, start, start + q.n * sb, true, sb});
        }
      } else {
        buffers.push_back({"in", &l.in, l.in.at + q.in_offset, l.in.at + q.in_offset + q.n * sb, true, sb});
      }
      if (!gemm) {
        buffers.push_back({"out", &l.out, l.out.at + q.out_offset, l.out.at + q.out_offset + q.n * db, false, db});
        if (q.with_flags)
          buffers.push_back({"flags", &l.flags, l.flags.at + q.flags_offset, l.flags.at + q.flags_offset + q.n, false, 1});
      }
      // Of the buffers sharing a region (operands, A and B), the last ends at its guard page.
      const auto outermost = [&](const Buffer& b, bool at_end) {
        return std::none_of(buffers.begin(), buffers.end(), [&](const Buffer& o) {
          return o.region == b.region && (at_end ? o.end > b.end : o.start < b.start);
        });
      };
      std::string near;  // in an input's region, outside every buffer of the call
      for (const Buffer& b : buffers) {
        const std::uint64_t lo = b.region->at, hi = lo + b.region->bytes;
        if (a >= hi && a < hi + page) {
          if (!outermost(b, true)) continue;
          where = std::string(touched) + " past the end of " + b.name + " (guard page hit at end+" +
                  std::to_string(a - b.end) + ")";
        } else if (a + page >= lo && a < lo) {
          if (!outermost(b, false)) continue;
          where = std::string(touched) + " before the start of " + b.name + " (guard page hit at start-" +
                  std::to_string(b.start - a) + ")";
        } else if (b.input && a >= b.start && a < b.end && note_->write != 0) {
          where = std::string("wrote into its input '") + b.name + "' at element " +
                  std::to_string((a - b.start) / b.element) + " (mapped read-only)";
        } else if (b.input && a >= lo && a < hi && note_->write != 0 && near.empty()) {
          near = std::string("wrote into the read-only pages of its input '") + b.name + "'";
        }
        if (!where.empty()) break;
      }
      if (where.empty()) where = near;
      if (where.empty() && (sig == SIGSEGV || sig == SIGBUS))
        where = "faulted at address " + hex(a) + ", outside its buffers";
    }
  }
  return "plug-in crashed: " + (where.empty() ? "" : where + ": ") + signal_text(sig);
}

void Subject::note_fp(const Reply& a) {
  if (!a.fp_known) return;
  const std::string c = describe_fp_control_change({true, a.fp_before}, {true, a.fp_after});
  if (c.empty()) return;
  const std::lock_guard lock(m_);
  if (std::find(fp_changes_.begin(), fp_changes_.end(), c) == fp_changes_.end()) fp_changes_.push_back(c);
}

void Subject::convert(Op op, Rounding r, const void* in, void* out, std::size_t n, Flags* flags) {
  const LaneHold hold(*this);
  Lane& l = lanes_[hold.lane];
  const Format& src = *info(op).src;
  const int operands = is_arithmetic(op) ? arity(op) : 1;
  const std::size_t operand_len = n * container_bytes(src), out_len = n * container_bytes(*info(op).dst);
  const std::size_t flags_len = flags ? n : 0;
  ensure_capacity(l, operands * (operand_len + 64), out_len, flags_len);
  const auto residue = [](const void* p) { return std::size_t(reinterpret_cast<std::uintptr_t>(p) % 64); };
  Request q{};
  q.kind = is_arithmetic(op) ? Kind::arith : Kind::convert;
  q.op = static_cast<std::uint32_t>(op);
  q.rounding = static_cast<std::uint32_t>(r);
  q.with_flags = flags != nullptr;
  q.n = n;
  q.operands = std::uint32_t(operands);
  // One array per operand, end to end, the last flush against the guard page.
  std::size_t end = l.in.bytes;
  for (int i = operands; i-- > 0;) end = *operand_offset(q, i) = place(end, operand_len, residue(in));
  q.out_offset = place(l.out.bytes, out_len, residue(out));
  q.flags_offset = place(l.flags.bytes, flags_len, residue(flags));
  if (q.kind == Kind::convert) {
    std::memcpy(l.in.p + q.in_offset, in, operand_len);
  } else {
    const int bits = input_bits(op);
    for (std::size_t k = 0; k < n; ++k) {
      const Word word = load_word(bits, in, k);
      for (int i = 0; i < operands; ++i)
        store_container(src, l.in.p + *operand_offset(q, i), k, operand(op, word, i));
    }
  }
  if (send_outputs_) std::memcpy(l.out.p + q.out_offset, out, out_len);
  fill_canaries(l.out.p, l.out.bytes, q.out_offset, out_len);
  if (flags) {
    if (send_outputs_) std::memcpy(l.flags.p + q.flags_offset, flags, flags_len);
    fill_canaries(l.flags.p, l.flags.bytes, q.flags_offset, flags_len);
  }
  const Reply a = call(l, q, nullptr, 0);
  std::memcpy(out, l.out.p + q.out_offset, out_len);
  if (flags) std::memcpy(flags, l.flags.p + q.flags_offset, flags_len);
  note_fp(a);
  std::string damage = canary_damage(l.out.p, l.out.bytes, q.out_offset, out_len, "out");
  if (flags) {
    const std::string d = canary_damage(l.flags.p, l.flags.bytes, q.flags_offset, flags_len, "flags");
    damage += (damage.empty() || d.empty() ? "" : "; ") + d;
  }
  if (!damage.empty()) throw SubjectFailure("plug-in wrote outside its buffers: " + damage, false);
  if (a.outcome == Outcome::returned_error)
    throw SubjectFailure("plug-in failed: plug-in " + name_ + ": " + (q.kind == Kind::arith ? "arith" : "convert") +
                         " returned " + std::to_string(a.rc), false);
  if (a.outcome == Outcome::subject_error) {
    char error[sizeof a.error];
    std::memcpy(error, a.error, sizeof error);
    error[sizeof error - 1] = 0;
    throw SubjectFailure(std::string("plug-in failed: its subject process: ") + error, false);
  }
}

void Subject::gemm(bool a_unsigned, int m, int n, int k, const void* a, const std::int8_t* b,
                   std::int32_t* c) {
  const LaneHold hold(*this);
  Lane& l = lanes_[hold.lane];
  const std::size_t a_len = std::size_t(m) * std::size_t(k), b_len = std::size_t(k) * std::size_t(n);
  const std::size_t c_len = std::size_t(m) * std::size_t(n) * 4;
  ensure_capacity(l, a_len + b_len + 64, c_len, 0);
  const auto residue = [](const void* p) { return std::size_t(reinterpret_cast<std::uintptr_t>(p) % 64); };
  Request q{};
  q.kind = Kind::gemm;
  q.a_unsigned = a_unsigned;
  q.m = m;
  q.cols = n;
  q.k = k;
  q.b_offset = place(l.in.bytes, b_len, residue(b));
  q.in_offset = place(q.b_offset, a_len, residue(a));
  q.out_offset = place(l.out.bytes, c_len, residue(c));
  std::memcpy(l.in.p + q.in_offset, a, a_len);
  std::memcpy(l.in.p + q.b_offset, b, b_len);
  if (send_outputs_) std::memcpy(l.out.p + q.out_offset, c, c_len);
  fill_canaries(l.out.p, l.out.bytes, q.out_offset, c_len);
  const Reply r = call(l, q, nullptr, 0);
  std::memcpy(c, l.out.p + q.out_offset, c_len);
  note_fp(r);
  if (const std::string d = canary_damage(l.out.p, l.out.bytes, q.out_offset, c_len, "C"); !d.empty())
    throw SubjectFailure("plug-in wrote outside its buffers: " + d, false);
  if (r.outcome == Outcome::returned_error)
    throw SubjectFailure("plug-in failed: plug-in " + name_ + ": gemm returned " + std::to_string(r.rc), false);
}

std::optional<Word> Subject::narrow_crash() {
  if (!crashed_ || crashed_->first.n == 0) return std::nullopt;
  const Request q = crashed_->first;
  const std::vector<unsigned char> inputs = std::move(crashed_->second);
  const Op op = static_cast<Op>(q.op);
  const std::size_t db = container_bytes(*info(op).dst);
  const auto saved_timeout = timeout_;
  const auto probe_timeout = std::min<std::chrono::milliseconds>(timeout_, std::chrono::seconds(10));
  const auto crashes = [&](std::size_t len) {
    begin_run(probe_timeout);
    std::vector<unsigned char> out(len * db);
    std::vector<Flags> flags(len);
    try {
      convert(op, static_cast<Rounding>(q.rounding), inputs.data(), out.data(), len,
              q.with_flags ? flags.data() : nullptr);
    } catch (const SubjectFailure& e) {
      return e.died();
    }
    return false;
  };
  std::optional<Word> found;
  if (crashes(q.n)) {
    std::size_t lo = 0, hi = q.n;  // prefix lo does not crash, prefix hi does
    while (hi - lo > 1) {
      const std::size_t mid = lo + (hi - lo) / 2;
      (crashes(mid) ? hi : lo) = mid;
    }
    found = load_word(input_bits(op), inputs.data(), hi - 1);
  }
  timeout_ = saved_timeout;
  end_run();
  stop();
  return found;
}

}  // namespace fpconform
