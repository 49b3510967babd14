#include "plugins/subject_process.hpp"

#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <thread>

#include "platform/fenv.hpp"
#include "plugins/plugin_library.hpp"

namespace fpconform::subject {
namespace {

thread_local int t_lane = -1;
CrashNote* g_note = nullptr;

void on_crash(int sig, siginfo_t* si, void* context) {
  if (CrashNote* n = g_note; n && n->signal.load() == 0) {
    n->lane = t_lane;
    n->address = reinterpret_cast<std::uintptr_t>(si->si_addr);
#if defined(__x86_64__)
    // The page-fault error code: bit 1 set for a write (Intel SDM vol. 3, 4.7).
    if (sig == SIGSEGV)
      n->write = (static_cast<const ucontext_t*>(context)->uc_mcontext.gregs[REG_ERR] & 2) ? 1 : 0;
#else
    (void)context;
#endif
    n->signal.store(static_cast<std::uint32_t>(sig));
  }
  // Die of the signal: returning re-runs the faulting instruction under the default action.
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigaction(sig, &dfl, nullptr);
  if (si->si_code <= 0) raise(sig);  // sent (abort, kill), not a fault: nothing would re-run
}

void install_crash_handlers() {
  struct sigaction sa {};
  sa.sa_sigaction = on_crash;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS}) sigaction(sig, &sa, nullptr);
}

void copy_text(char* dst, std::size_t cap, const std::string& s) {
  const std::size_t k = std::min(s.size(), cap - 1);
  std::memcpy(dst, s.data(), k);
  dst[k] = 0;
}

// No capability survives: a subject running as root cannot ptrace the judge (which is not
// dumpable), kill what is not its own, or mount its way out.
void drop_privileges() {
  ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  ::syscall(SYS_capset, &header, data);
}

// The lane sockets to fds 3, 4, ...; every other descriptor above 2 closed.
std::vector<int> keep_only(const std::vector<int>& lanes) {
  std::vector<int> high;
  for (int fd : lanes) high.push_back(::fcntl(fd, F_DUPFD, 1000));
  std::vector<int> low;
  for (std::size_t i = 0; i < high.size(); ++i) {
    ::dup2(high[i], int(3 + i));
    low.push_back(int(3 + i));
  }
  ::close_range(unsigned(3 + high.size()), ~0u, 0);
  return low;
}

struct Mapped {
  unsigned char* base = nullptr;  // the reservation, guard pages included
  std::size_t total = 0;
  unsigned char* data = nullptr;
  std::size_t bytes = 0;
};

void unmap(Mapped& m) {
  if (m.base) ::munmap(m.base, m.total);
  m = {};
}

// fd's `bytes` between two PROT_NONE pages. "" or what failed.
std::string map_region(int fd, std::size_t bytes, bool writable, Mapped& m) {
  const std::size_t page = std::size_t(::sysconf(_SC_PAGESIZE));
  m.total = bytes + 2 * page;
  void* r = ::mmap(nullptr, m.total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (r == MAP_FAILED) {
    m = {};
    return "cannot reserve " + std::to_string(m.total) + " bytes: " + std::strerror(errno) +
           (errno == ENOMEM ? " (the subject's address space is limited: RLIMIT_AS)" : "");
  }
  m.base = static_cast<unsigned char*>(r);
  void* d = ::mmap(m.base + page, bytes, writable ? PROT_READ | PROT_WRITE : PROT_READ,
                   MAP_SHARED | MAP_FIXED, fd, 0);
  if (d == MAP_FAILED) {
    const std::string e = std::strerror(errno);
    unmap(m);
    return "cannot map a shared region of " + std::to_string(bytes) + " bytes: " + e;
  }
  m.data = m.base + page;
  m.bytes = bytes;
  return "";
}

struct LaneState {
  Mapped in, out, flags;
};

void serve_lane(int lane, int sock, const fpconform_plugin& table) {
  t_lane = lane;
  LaneState st;
  for (;;) {
    Request q{};
    int fds[3] = {-1, -1, -1};
    iovec iov{&q, sizeof q};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof fds)];
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    const ssize_t got = ::recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) ::_exit(0);  // the judge closed the lane: done
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
        std::memcpy(fds, CMSG_DATA(c), std::min<std::size_t>(c->cmsg_len - CMSG_LEN(0), sizeof fds));
    Reply a{};
    if (got != sizeof q) {
      a.outcome = Outcome::subject_error;
      copy_text(a.error, sizeof a.error, "a request of " + std::to_string(got) + " bytes");
    } else if (q.kind == Kind::map) {
      unmap(st.in);
      unmap(st.out);
      unmap(st.flags);
      std::string e = map_region(fds[0], q.in_bytes, false, st.in);
      if (e.empty()) e = map_region(fds[1], q.out_bytes, true, st.out);
      if (e.empty()) e = map_region(fds[2], q.flags_bytes, true, st.flags);
      if (!e.empty()) {
        a.outcome = Outcome::subject_error;
        copy_text(a.error, sizeof a.error, e);
      }
      a.in_at = reinterpret_cast<std::uintptr_t>(st.in.data);
      a.out_at = reinterpret_cast<std::uintptr_t>(st.out.data);
      a.flags_at = reinterpret_cast<std::uintptr_t>(st.flags.data);
    } else if (q.kind == Kind::arith && !table.arith) {
      a.outcome = Outcome::subject_error;
      copy_text(a.error, sizeof a.error, "an arithmetic request to a plug-in without arith");
    } else {
      const FpControl before = read_fp_control();
      unsigned char* flags = q.with_flags ? st.flags.data + q.flags_offset : nullptr;
      if (q.kind == Kind::convert)
        a.rc = table.convert(q.op, q.rounding, st.in.data + q.in_offset, st.out.data + q.out_offset,
                             q.n, flags);
      else if (q.kind == Kind::arith)
        a.rc = table.arith(q.op, q.rounding, st.in.data + q.in_offset,
                           q.operands > 1 ? st.in.data + q.b_offset : nullptr,
                           q.operands > 2 ? st.in.data + q.c_offset : nullptr, st.out.data + q.out_offset,
                           q.n, flags);
      else
        a.rc = table.gemm(q.a_unsigned, q.m, q.cols, q.k, st.in.data + q.in_offset,
                          reinterpret_cast<const std::int8_t*>(st.in.data + q.b_offset),
                          reinterpret_cast<std::int32_t*>(st.out.data + q.out_offset));
      const FpControl after = read_fp_control();
      a.outcome = a.rc == 0 ? Outcome::done : Outcome::returned_error;
      a.fp_known = before.known;
      a.fp_before = before.value;
      a.fp_after = after.value;
    }
    for (int fd : fds)
      if (fd >= 0) ::close(fd);
    while (::send(sock, &a, sizeof a, MSG_NOSIGNAL) < 0 && errno == EINTR) {
    }
  }
}

}  // namespace

void serve(const Setup& s) {
  ::setsid();  // no controlling terminal to write to, a process group of its own
  ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  if (::getppid() != s.parent) ::_exit(0);
  const int devnull = ::open("/dev/null", O_RDONLY);
  ::dup2(devnull, 0);
  ::dup2(s.capture, 1);
  ::dup2(s.capture, 2);
  const std::vector<int> lanes = keep_only(s.lanes);
  g_note = s.note;
  install_crash_handlers();
  const rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
  if (s.address_space) {
    const rlimit as{s.address_space, s.address_space};
    ::setrlimit(RLIMIT_AS, &as);
  }
  drop_privileges();
  signal(SIGPIPE, SIG_IGN);

  Hello hello{};
  const FpControl before = read_fp_control();
  static fpconform_plugin loaded;
  const fpconform_plugin* table = nullptr;
  try {
    loaded = load_plugin_table(s.path);
    table = &loaded;
  } catch (const std::exception& e) {
    copy_text(hello.error, sizeof hello.error, e.what());
  }
  const FpControl after = read_fp_control();
  hello.fp_known = before.known;
  hello.fp_before_load = before.value;
  hello.fp_after_load = after.value;
  ::send(lanes[0], &hello, sizeof hello, MSG_NOSIGNAL);
  if (!table) ::_exit(0);
  for (std::size_t i = 1; i < lanes.size(); ++i)
    std::thread([i, &lanes, table] { serve_lane(int(i), lanes[i], *table); }).detach();
  serve_lane(0, lanes[0], *table);
  ::_exit(0);
}

}  // namespace fpconform::subject
