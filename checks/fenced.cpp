#include "checks/fenced.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <stdexcept>

namespace fpconform {
namespace {

constexpr std::size_t kSlack = 256;  // canary bytes at least, around every buffer

// ---- The fenced buffers alive in this process, for the SIGSEGV handler. ----

struct FenceSlot {
  std::atomic<bool> used{false};
  std::atomic<bool> sealed{false};
  std::uintptr_t lo = 0, hi = 0;  // the pages between the guards; the guards: a page each side
  std::uintptr_t page = 0;
  std::uintptr_t start = 0, end = 0;  // the data
  std::size_t element = 1;
  bool input = false;
  const char* buffer = "";
};
std::array<FenceSlot, 32> g_fences;
ProbeRecord* g_record = nullptr;
bool g_in_process = false;  // no parent to read the record: the handler says it on stderr

// Async-signal-safe text building for the handler (no snprintf, no allocation).
struct SafeText {
  char* p;
  std::size_t cap, n = 0;
  void add(const char* s) {
    while (*s && n + 1 < cap) p[n++] = *s++;
    p[n] = 0;
  }
  void add(std::uintptr_t v, int base = 10) {
    char d[24];
    int k = 0;
    do d[k++] = "0123456789abcdef"[v % base]; while ((v /= base) && k < 24);
    if (base == 16) add("0x");
    while (k > 0 && n + 1 < cap) p[n++] = d[--k];
    p[n] = 0;
  }
};

// What the fault at addr hit, into what and where; false when it is in no fenced buffer.
bool name_fault(std::uintptr_t addr, int write, SafeText& what, SafeText& where) {
  for (const FenceSlot& g : g_fences) {
    if (!g.used.load()) continue;
    const bool before = addr >= g.lo - g.page && addr < g.lo;
    const bool after = addr >= g.hi && addr < g.hi + g.page;
    if (before || after) {
      const bool wrote = write < 0 ? !g.input : write == 1;
      what.add(wrote ? "wrote" : "read");
      what.add(after ? " past the end of " : " before the start of ");
      what.add(g.buffer);
      where.add(after ? "guard page hit at end+" : "guard page hit at start-");
      where.add(after ? addr - g.end : g.start - addr);
      return true;
    }
    if (g.sealed.load() && addr >= g.lo && addr < g.hi) {  // only a write faults on a PROT_READ page
      if (addr < g.start) {
        what.add("wrote before the start of ");
        what.add(g.buffer);
        where.add("read-only page hit at start-");
        where.add(g.start - addr);
      } else if (addr >= g.end) {
        what.add("wrote past the end of ");
        what.add(g.buffer);
        where.add("read-only page hit at end+");
        where.add(addr - g.end);
      } else {
        what.add("wrote into ");
        what.add(g.buffer);
        where.add("read-only page hit at element ");
        where.add((addr - g.start) / g.element);
      }
      return true;
    }
  }
  return false;
}

void on_fault(int sig, siginfo_t* si, void* context) {
  const auto addr = reinterpret_cast<std::uintptr_t>(si->si_addr);
  int write = -1;  // unknown
#if defined(__x86_64__)
  // The page-fault error code: bit 1 set for a write (Intel SDM vol. 3, 4.7).
  write = (static_cast<const ucontext_t*>(context)->uc_mcontext.gregs[REG_ERR] & 2) ? 1 : 0;
#else
  (void)context;
#endif
  if (ProbeRecord* rec = g_record) {
    SafeText what{rec->fault_what, sizeof rec->fault_what};
    SafeText where{rec->fault_where, sizeof rec->fault_where};
    if (!name_fault(addr, write, what, where)) {
      what.add("faulted at address ");
      what.add(addr, 16);
      what.add(", outside every probe buffer");
    }
    if (g_in_process) {
      char line[640];
      SafeText t{line, sizeof line};
      t.add("fpconform robustness: ");
      t.add(rec->context);
      t.add(": ");
      t.add(rec->fault_what);
      if (rec->fault_where[0]) {
        t.add(" (");
        t.add(rec->fault_where);
        t.add(")");
      }
      t.add("\n");
      [[maybe_unused]] const ssize_t w = ::write(2, line, t.n);
    }
  }
  // Die of the signal: returning re-runs the faulting access under the default action.
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigaction(sig, &dfl, nullptr);
  if (si->si_code <= 0) raise(sig);  // sent, not a fault: nothing would re-run
}

void install_fault_handler(ProbeRecord* rec, bool in_process, struct sigaction* old = nullptr) {
  g_record = rec;
  g_in_process = in_process;
  struct sigaction sa {};
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, old);
}

// A canary byte per position: a pattern a backend is unlikely to write by accident.
unsigned char canary(std::size_t i) {
  return static_cast<unsigned char>(0xA7 ^ (i * 0x3D) ^ (i >> 8));
}

}  // namespace

void ProbeRecord::set_context(const std::string& text) {
  const std::size_t k = std::min(text.size(), sizeof context - 1);
  std::memcpy(context, text.data(), k);
  context[k] = 0;
}

void ProbeRecord::add_problem(const std::string& line) {
  if (problems.fetch_add(1) >= kProbeProblemsListed) return;
  const std::string text = line + "\n";
  const std::size_t used = std::strlen(listed);
  const std::size_t k = std::min(text.size(), sizeof listed - 1 - used);
  std::memcpy(listed + used, text.data(), k);
  listed[used + k] = 0;
}

SharedProbeRecord::SharedProbeRecord() {
  void* m = ::mmap(nullptr, sizeof(ProbeRecord), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) throw std::runtime_error(std::string("mmap: ") + std::strerror(errno));
  record_ = new (m) ProbeRecord;
}

SharedProbeRecord::~SharedProbeRecord() {
  record_->~ProbeRecord();
  ::munmap(record_, sizeof(ProbeRecord));
}

ChildOutcome run_probe_family(ProbeRecord& record, bool in_process, const std::function<void()>& work,
                              std::chrono::milliseconds timeout) {
  if (!in_process)
    return run_isolated([&] {
      install_fault_handler(&record, false);
      work();
      return std::string();
    }, timeout);
  struct sigaction old {};
  install_fault_handler(&record, true, &old);
  ChildOutcome out;
  try {
    work();
    out.completed = true;
  } catch (const std::exception& e) {
    out.failure = std::string("threw: ") + e.what();
  }
  sigaction(SIGSEGV, &old, nullptr);
  g_record = nullptr;
  return out;
}

void collect_problems(const ProbeRecord& record, const ChildOutcome& outcome, const std::string& family,
                      std::vector<std::string>& problems) {
  const std::string listed = record.listed;
  for (std::size_t at = 0; at < listed.size();) {
    const std::size_t nl = std::min(listed.find('\n', at), listed.size());
    problems.push_back(listed.substr(at, nl - at));
    at = nl + 1;
  }
  if (const std::uint32_t n = record.problems.load(); n > kProbeProblemsListed)
    problems.push_back("... and " + std::to_string(n - kProbeProblemsListed) + " more problems in the " +
                       family + " probe");
  if (outcome.completed) return;
  const std::string ctx = record.context[0] ? record.context : family + " probe";
  if (record.fault_where[0])
    problems.push_back(ctx + ": " + record.fault_what + " (" + record.fault_where + ": " + outcome.failure + ")");
  else if (record.fault_what[0])
    problems.push_back(ctx + ": " + record.fault_what + " (" + outcome.failure + ")");
  else
    problems.push_back(ctx + ": " + outcome.failure);
}

std::uint64_t run_probe_families(const std::vector<std::string>& names, bool in_process,
                                 std::chrono::milliseconds timeout,
                                 const std::function<void(std::size_t, ProbeRecord&)>& work,
                                 std::vector<std::string>& problems) {
  std::uint64_t calls = 0;
  for (std::size_t k = 0; k < names.size(); ++k) {
    SharedProbeRecord record;
    const ChildOutcome out = run_probe_family(*record, in_process, [&] { work(k, *record); }, timeout);
    collect_problems(*record, out, names[k], problems);
    calls += record->calls.load();
    if (out.failure.starts_with("timed out") && k + 1 < names.size()) {  // each would cost the timeout
      std::string rest;
      for (std::size_t j = k + 1; j < names.size(); ++j)
        rest += (j == k + 1 ? "" : j + 1 == names.size() ? " and " : ", ") + names[j];
      problems.push_back(rest + " probes not run: the " + names[k] + " probe hung");
      break;
    }
  }
  return calls;
}

Fenced::Fenced(const char* name, bool input, std::size_t bytes, int offset, std::size_t element)
    : bytes_(bytes), name_(name) {
  const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t area = (bytes + kSlack + page - 1) / page * page;
  map_bytes_ = area + 2 * page;
  void* m = ::mmap(nullptr, map_bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) throw std::runtime_error(std::string("mmap: ") + std::strerror(errno));
  map_ = static_cast<unsigned char*>(m);
  lo_ = map_ + page;
  hi_ = lo_ + area;
  if (::mprotect(map_, page, PROT_NONE) != 0 || ::mprotect(hi_, page, PROT_NONE) != 0) {
    const int e = errno;
    ::munmap(map_, map_bytes_);
    throw std::runtime_error(std::string("mprotect: ") + std::strerror(e));
  }
  start_ = hi_ - bytes;
  if (offset >= 0) {
    auto s = reinterpret_cast<std::uintptr_t>(start_) / 64 * 64 + std::uintptr_t(offset);
    if (s + bytes > reinterpret_cast<std::uintptr_t>(hi_)) s -= 64;
    start_ = reinterpret_cast<unsigned char*>(s);
  }
  for (std::size_t i = 0; i < area; ++i) lo_[i] = canary(i);
  for (std::size_t k = 0; k < g_fences.size() && slot_ < 0; ++k) {
    FenceSlot& g = g_fences[k];
    if (g.used.load()) continue;
    g.lo = reinterpret_cast<std::uintptr_t>(lo_);
    g.hi = reinterpret_cast<std::uintptr_t>(hi_);
    g.page = page;
    g.start = reinterpret_cast<std::uintptr_t>(start_);
    g.end = reinterpret_cast<std::uintptr_t>(end());
    g.element = std::max<std::size_t>(element, 1);
    g.input = input;
    g.buffer = name;
    g.sealed.store(false);
    g.used.store(true);
    slot_ = int(k);
  }
  if (slot_ < 0) {
    ::munmap(map_, map_bytes_);
    throw std::logic_error("robustness: more fenced buffers than fence slots");
  }
}

Fenced::~Fenced() {
  g_fences[std::size_t(slot_)].used.store(false);
  ::munmap(map_, map_bytes_);
}

void Fenced::fill(unsigned char v) { std::memset(start_, v, bytes_); }

void Fenced::seal() {
  if (::mprotect(lo_, std::size_t(hi_ - lo_), PROT_READ) != 0)
    throw std::runtime_error(std::string("mprotect: ") + std::strerror(errno));
  g_fences[std::size_t(slot_)].sealed.store(true);
}

std::string Fenced::damage() {
  std::string s;
  for (unsigned char* p = lo_; p < start_; ++p)
    if (*p != canary(std::size_t(p - lo_))) {
      s = "wrote " + std::to_string(start_ - p) + " bytes before the start of " + name_;
      break;
    }
  for (unsigned char* p = hi_; p-- > end();)
    if (*p != canary(std::size_t(p - lo_))) {
      s += (s.empty() ? "" : "; ");
      s += "wrote " + std::to_string(p - end() + 1) + " bytes past the end of " + name_;
      break;
    }
  if (!s.empty())
    for (unsigned char* p = lo_; p < hi_; ++p)
      if (p < start_ || p >= end()) *p = canary(std::size_t(p - lo_));
  return s;
}

}  // namespace fpconform
