#include "checks/robustness.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <latch>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <thread>

#include "fpconform/container.hpp"
#include "checks/isolate.hpp"

namespace fpconform {
namespace {

constexpr std::size_t kListed = 10;  // problems listed per probe family; the rest are counted
constexpr std::size_t kShortest = 128;  // the least large_length: the tail window needs 128
constexpr std::size_t kSlack = 256;     // canary bytes at least, around every buffer

// What a probe child leaves for its parent, in memory shared across the fork: it outlives a
// child killed by a fault, so the parent still learns which call was running and what it hit.
struct Shared {
  std::atomic<std::uint64_t> calls{0};
  std::atomic<std::uint32_t> problems{0};  // found, listed or not
  char context[256] = {};                  // the call in progress: "lengths probe, length 17"
  char fault_what[128] = {};               // set by the SIGSEGV handler: "wrote past the end of out"
  char fault_where[128] = {};              // "guard page hit at end+0"
  char listed[32768] = {};                 // the first kListed problems, one a line
};

// ---- The guard pages of the buffers alive in a child, for the SIGSEGV handler. ----

struct GuardSlot {
  std::atomic<bool> used{false};
  std::uintptr_t lo = 0, hi = 0;  // the PROT_NONE page
  std::uintptr_t edge = 0;        // the buffer's start (guard before) or end (guard after)
  bool after = false;
  bool input = false;
  const char* buffer = "";
};
std::array<GuardSlot, 32> g_guards;
Shared* g_shared = nullptr;
bool g_in_process = false;  // no parent to read Shared: the handler says it on stderr

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

void on_fault(int sig, siginfo_t* si, void* context) {
  const auto addr = reinterpret_cast<std::uintptr_t>(si->si_addr);
  int write = -1;  // unknown
#if defined(__x86_64__)
  // The page-fault error code: bit 1 set for a write (Intel SDM vol. 3, 4.7).
  write = (static_cast<const ucontext_t*>(context)->uc_mcontext.gregs[REG_ERR] & 2) ? 1 : 0;
#else
  (void)context;
#endif
  if (Shared* sh = g_shared) {
    SafeText what{sh->fault_what, sizeof sh->fault_what};
    SafeText where{sh->fault_where, sizeof sh->fault_where};
    const GuardSlot* hit = nullptr;
    for (const GuardSlot& g : g_guards)
      if (g.used.load() && addr >= g.lo && addr < g.hi) hit = &g;
    if (hit) {
      const bool wrote = write < 0 ? !hit->input : write == 1;
      what.add(wrote ? "wrote" : "read");
      what.add(hit->after ? " past the end of " : " before the start of ");
      what.add(hit->buffer);
      where.add(hit->after ? "guard page hit at end+" : "guard page hit at start-");
      where.add(hit->after ? addr - hit->edge : hit->edge - addr);
    } else {
      what.add("faulted at address ");
      what.add(addr, 16);
      what.add(", outside every probe buffer");
    }
    if (g_in_process) {
      char line[640];
      SafeText t{line, sizeof line};
      t.add("fpconform robustness: ");
      t.add(sh->context);
      t.add(": ");
      t.add(sh->fault_what);
      if (sh->fault_where[0]) {
        t.add(" (");
        t.add(sh->fault_where);
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

void install_fault_handler(Shared* sh, bool in_process, struct sigaction* old = nullptr) {
  g_shared = sh;
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

// `bytes` of data between PROT_NONE guard pages, the rest of the pages between them filled
// with canaries. The data ends flush against the guard after it (offset < 0), or starts `offset`
// bytes past a 64-byte boundary and ends as near the guard as that allows (fewer than 64 bytes
// of canaries between).
class Fenced {
 public:
  Fenced(const char* name, bool input, std::size_t bytes, int offset = -1) : bytes_(bytes) {
    const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t area = (bytes + kSlack + page - 1) / page * page;
    map_bytes_ = area + 2 * page;
    void* m = ::mmap(nullptr, map_bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) throw std::runtime_error(std::string("mmap: ") + std::strerror(errno));
    map_ = static_cast<unsigned char*>(m);
    lo_ = map_ + page;
    hi_ = lo_ + area;
    if (::mprotect(map_, page, PROT_NONE) != 0 || ::mprotect(hi_, page, PROT_NONE) != 0)
      throw std::runtime_error(std::string("mprotect: ") + std::strerror(errno));
    start_ = hi_ - bytes;
    if (offset >= 0) {
      auto s = reinterpret_cast<std::uintptr_t>(start_) / 64 * 64 + std::uintptr_t(offset);
      if (s + bytes > reinterpret_cast<std::uintptr_t>(hi_)) s -= 64;
      start_ = reinterpret_cast<unsigned char*>(s);
    }
    for (std::size_t i = 0; i < area; ++i) lo_[i] = canary(i);
    for (std::size_t k = 0; k < g_guards.size() && slots_[1] < 0; ++k) {
      GuardSlot& g = g_guards[k];
      if (g.used.load()) continue;
      const bool after = slots_[0] >= 0;
      g.lo = reinterpret_cast<std::uintptr_t>(after ? hi_ : map_);
      g.hi = g.lo + page;
      g.edge = reinterpret_cast<std::uintptr_t>(after ? end() : start_);
      g.after = after;
      g.input = input;
      g.buffer = name;
      g.used.store(true);
      slots_[after ? 1 : 0] = int(k);
    }
    if (slots_[1] < 0) throw std::logic_error("robustness: more fenced buffers than guard slots");
    name_ = name;
  }
  ~Fenced() {
    for (int s : slots_)
      if (s >= 0) g_guards[std::size_t(s)].used.store(false);
    ::munmap(map_, map_bytes_);
  }
  Fenced(const Fenced&) = delete;
  Fenced& operator=(const Fenced&) = delete;

  unsigned char* data() const { return start_; }
  unsigned char* end() const { return start_ + bytes_; }
  std::size_t size() const { return bytes_; }
  void fill(unsigned char v) { std::memset(start_, v, bytes_); }

  // "" when the canaries are intact, else how far before the start (or past the end) the
  // furthest changed byte lies; the canaries are then put back for the next call.
  std::string damage() {
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

 private:
  std::size_t bytes_;
  std::size_t map_bytes_ = 0;
  unsigned char* map_ = nullptr;
  unsigned char* lo_ = nullptr;  // first page between the guards
  unsigned char* hi_ = nullptr;  // the guard after
  unsigned char* start_ = nullptr;
  std::array<int, 2> slots_{-1, -1};
  std::string name_;
};

std::string hex(const Format& f, std::uint32_t v) {
  char s[16];
  std::snprintf(s, sizeof s, "0x%0*X", f.container_bits / 4, v);
  return s;
}

std::string flag_hex(Flags f) {
  char s[8];
  std::snprintf(s, sizeof s, "0x%02X", f);
  return s;
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// One call's buffers, each fenced: in (holding n source words), out and, when the backend
// reports flags, flags.
struct Batch {
  std::size_t n = 0;
  std::unique_ptr<Fenced> in, out, flags;
};

// Runs the probes of one (backend, op, rounding) in a child, writing problems to Shared.
class Prober {
 public:
  Prober(const Backend& b, Op op, Rounding r, Shared& sh, std::size_t large)
      : b_(b), op_(op), r_(r), sh_(sh), src_(*info(op).src), dst_(*info(op).dst),
        sb_(container_bytes(src_)), db_(container_bytes(dst_)), large_(large),
        pattern_(robustness_inputs(op, large)) {}

  void lengths();
  void misalignment();
  void determinism();
  void two_threads();

 private:
  // n words of the pattern (or of `source`), in and out placed as Fenced places them.
  Batch batch(std::size_t n, int in_offset = -1, int out_offset = -1,
              const std::uint32_t* source = nullptr) const {
    if (!source) source = pattern_.data();
    Batch x;
    x.n = n;
    x.in = std::make_unique<Fenced>("in", true, n * sb_, in_offset);
    for (std::size_t i = 0; i < n; ++i) store_container(src_, x.in->data(), i, source[i]);
    x.out = std::make_unique<Fenced>("out", false, n * db_, out_offset);
    if (b_.reports_flags()) x.flags = std::make_unique<Fenced>("flags", false, n, out_offset);
    return x;
  }

  void set_context(const std::string& ctx) {
    ctx_ = ctx;
    const std::size_t k = std::min(ctx.size(), sizeof sh_.context - 1);
    std::memcpy(sh_.context, ctx.data(), k);
    sh_.context[k] = 0;
  }

  void problem(const std::string& text) {
    if (sh_.problems.fetch_add(1) >= kListed) return;
    const std::string line = ctx_ + ": " + text + "\n";
    const std::size_t used = std::strlen(sh_.listed);
    const std::size_t k = std::min(line.size(), sizeof sh_.listed - 1 - used);
    std::memcpy(sh_.listed + used, line.data(), k);
    sh_.listed[used + k] = 0;
  }

  // The plain call, safe to make from several threads at once.
  void convert(const unsigned char* in, Fenced& out, Fenced* flags, std::size_t n) const {
    sh_.calls.fetch_add(1);
    b_.convert(op_, r_, in, out.data(), n, flags ? flags->data() : nullptr);
  }

  // out (and flags) filled with `junk` first, so that an element left unwritten shows as a
  // difference; then the input and every canary checked.
  void call(Batch& x, unsigned char junk) {
    x.out->fill(junk);
    if (x.flags) x.flags->fill(junk);
    const std::vector<unsigned char> before(x.in->data(), x.in->end());
    convert(x.in->data(), *x.out, x.flags.get(), x.n);
    check_input(*x.in, before);
    check_fences({x.in.get(), x.out.get(), x.flags.get()});
  }

  void check_input(const Fenced& in, const std::vector<unsigned char>& before) {
    const auto diff = std::mismatch(before.begin(), before.end(), in.data()).first;
    if (diff == before.end()) return;
    const std::size_t k = std::size_t(diff - before.begin()) / sb_;
    problem("modified its input at element " + std::to_string(k) + ": " +
            hex(src_, load_container(src_, before.data(), k)) + " became " +
            hex(src_, load_container(src_, in.data(), k)));
    std::memcpy(in.data(), before.data(), before.size());  // later calls get the input meant
  }

  void check_fences(std::initializer_list<Fenced*> buffers) {
    for (Fenced* f : buffers)
      if (f)
        if (std::string d = f->damage(); !d.empty()) problem(d);
  }

  // n results (and flags, when want_flags is given) against what they should equal: the first
  // difference, named by its element number first + i, and how many differ.
  void expect_same(std::size_t n, const unsigned char* got, const Flags* got_flags,
                   const unsigned char* want, const Flags* want_flags, std::size_t first,
                   const std::string& what) {
    std::size_t at = n, count = 0;
    bool flags_only = false;
    for (std::size_t i = 0; i < n; ++i) {
      const bool v = load_container(dst_, got, i) != load_container(dst_, want, i);
      const bool f = want_flags && got_flags[i] != want_flags[i];
      if (!v && !f) continue;
      if (count++ == 0) at = i, flags_only = !v;
    }
    if (count == 0) return;
    const std::string element = "element " + std::to_string(first + at) + " (input " +
                                hex(src_, pattern_[first + at]) + ")";
    const std::string tally = " (" + std::to_string(count) + " of " + std::to_string(n) +
                              " elements differ)";
    if (flags_only)
      problem("flags of " + element + " differ from " + what + ": got " + flag_hex(got_flags[at]) +
              ", expected " + flag_hex(want_flags[at]) + tally);
    else
      problem(element + " differs from " + what + ": got " + hex(dst_, load_container(dst_, got, at)) +
              ", expected " + hex(dst_, load_container(dst_, want, at)) + tally);
  }

  void expect_same(const Batch& got, const std::vector<unsigned char>& want,
                   const std::vector<Flags>& want_flags, const std::string& what) {
    expect_same(got.n, got.out->data(), got.flags ? got.flags->data() : nullptr, want.data(),
                got.flags ? want_flags.data() : nullptr, 0, what);
  }

  static std::vector<Flags> flags_copy(const Batch& x) {
    return x.flags ? std::vector<Flags>(x.flags->data(), x.flags->end()) : std::vector<Flags>{};
  }

  const Backend& b_;
  Op op_;
  Rounding r_;
  Shared& sh_;
  const Format& src_;
  const Format& dst_;
  std::size_t sb_, db_, large_;
  std::vector<std::uint32_t> pattern_;
  std::string ctx_;
};

// The large length and every length 0..67 (every SIMD tail up to 64 lanes), each flush against
// its guard pages: the large call's tail must match the same words converted where they are in
// no tail, and every short result must be the prefix of the large one.
void Prober::lengths() {
  const std::string big = std::to_string(large_);
  set_context("lengths probe, length " + big);
  Batch whole = batch(large_);
  call(whole, 0x5A);
  const std::vector<unsigned char> ref(whole.out->data(), whole.out->end());
  const std::vector<Flags> ref_flags = flags_copy(whole);

  // The large call's last words again, padded to a multiple of 64 words so that none of them
  // is in a tail; here the large call is the one under test.
  const std::size_t tail = large_ % 64 + 64, padded = (tail + 63) / 64 * 64, skip = large_ - tail;
  std::vector<std::uint32_t> window(pattern_.begin() + std::ptrdiff_t(skip), pattern_.end());
  window.insert(window.end(), pattern_.begin(), pattern_.begin() + std::ptrdiff_t(padded - tail));
  set_context("lengths probe, length " + std::to_string(padded) + " (the last " +
              std::to_string(tail) + " words of length " + big + " first)");
  Batch w = batch(padded, -1, -1, window.data());
  call(w, 0xA5);
  set_context("lengths probe, length " + big);
  const bool flags = !ref_flags.empty();
  expect_same(tail, ref.data() + skip * db_, flags ? ref_flags.data() + skip : nullptr,
              w.out->data(), flags ? w.flags->data() : nullptr, skip,
              "the same input converted in a batch of " + std::to_string(padded) +
                  " where it is in no tail");

  for (std::size_t n = 0; n < 68; ++n) {
    set_context("lengths probe, length " + std::to_string(n));
    Batch x = batch(n);
    call(x, 0xA5);
    expect_same(x, ref, ref_flags, "the same input converted in a batch of " + big);
  }
}

// in and out 0..3 bytes past a 64-byte boundary, each pair against the aligned call.
void Prober::misalignment() {
  for (const std::size_t n : {1, 7, 33, 67}) {
    std::vector<unsigned char> ref;
    std::vector<Flags> ref_flags;
    for (int io = 0; io < 4; ++io)
      for (int oo = 0; oo < 4; ++oo) {
        set_context("misalignment probe, length " + std::to_string(n) + ", in offset " +
                    std::to_string(io) + ", out offset " + std::to_string(oo));
        Batch x = batch(n, io, oo);
        call(x, 0xA5);
        if (io == 0 && oo == 0) {
          ref.assign(x.out->data(), x.out->end());
          ref_flags = flags_copy(x);
        } else {
          expect_same(x, ref, ref_flags, "the same input converted at in offset 0, out offset 0");
        }
      }
  }
}

// The same call twice, into the same buffers pre-filled with different junk each time.
void Prober::determinism() {
  for (const std::size_t n : {std::size_t{1}, std::size_t{67}, large_}) {
    set_context("determinism probe, length " + std::to_string(n) + ", first call");
    Batch x = batch(n);
    call(x, 0x5A);
    const std::vector<unsigned char> first(x.out->data(), x.out->end());
    const std::vector<Flags> first_flags = flags_copy(x);
    set_context("determinism probe, length " + std::to_string(n) + ", second call");
    call(x, 0xA5);
    expect_same(x, first, first_flags, "the first of two identical calls");
  }
}

// Two threads convert the same input at once, each into its own buffers; both must give the
// single-thread result. Threads in step on the same words would write the same values into a
// shared scratch buffer and hide the race, so besides the plain round, thread 2 starts one
// element on in the same buffer, and then half a call late.
void Prober::two_threads() {
  const std::string big = std::to_string(large_);
  set_context("two-threads probe, length " + big + ", one thread");
  Batch one = batch(large_);
  const auto t0 = std::chrono::steady_clock::now();
  call(one, 0x5A);
  const auto half = (std::chrono::steady_clock::now() - t0) / 2;
  const std::vector<unsigned char> ref(one.out->data(), one.out->end());
  const std::vector<Flags> ref_flags = flags_copy(one);

  struct Round {
    const char* what;
    std::size_t skip;  // thread 2 converts elements skip.. of the same input
    bool late;         // thread 2 starts half a call after thread 1
  };
  static constexpr std::array<Round, 3> kRounds{{{"together", 0, false},
                                                 {"thread 2 from element 1", 1, false},
                                                 {"thread 2 half a call late", 0, true}}};
  static constexpr std::array<const char*, 2> kOut{"out of thread 1", "out of thread 2"};
  static constexpr std::array<const char*, 2> kFlags{"flags of thread 1", "flags of thread 2"};
  for (std::size_t k = 0; k < kRounds.size(); ++k) {
    const Round& round = kRounds[k];
    const std::string ctx = "two-threads probe, length " + big + ", round " + std::to_string(k + 1) +
                            " (" + round.what + ")";
    set_context(ctx);
    std::array<Batch, 2> xs;
    for (std::size_t t = 0; t < 2; ++t) {
      xs[t].n = large_ - (t == 1 ? round.skip : 0);
      xs[t].out = std::make_unique<Fenced>(kOut[t], false, xs[t].n * db_);
      xs[t].out->fill(0xA5);
      if (b_.reports_flags()) {
        xs[t].flags = std::make_unique<Fenced>(kFlags[t], false, xs[t].n);
        xs[t].flags->fill(0xA5);
      }
    }
    const std::vector<unsigned char> before(one.in->data(), one.in->end());
    {
      std::latch start(2);
      std::array<std::jthread, 2> threads;
      for (std::size_t t = 0; t < 2; ++t)
        threads[t] = std::jthread([&, t] {
          const std::size_t skip = t == 1 ? round.skip : 0;
          start.arrive_and_wait();
          if (t == 1 && round.late) std::this_thread::sleep_for(half);
          convert(one.in->data() + skip * sb_, *xs[t].out, xs[t].flags.get(), xs[t].n);
        });
    }
    check_input(*one.in, before);
    check_fences({one.in.get()});
    for (std::size_t t = 0; t < 2; ++t) {
      set_context(ctx + ", thread " + std::to_string(t + 1));
      check_fences({xs[t].out.get(), xs[t].flags.get()});
      const std::size_t skip = t == 1 ? round.skip : 0;
      expect_same(xs[t].n, xs[t].out->data(), xs[t].flags ? xs[t].flags->data() : nullptr,
                  ref.data() + skip * db_, xs[t].flags ? ref_flags.data() + skip : nullptr, skip,
                  "the single-thread result");
    }
  }
}

struct Family {
  const char* name;
  void (Prober::*probe)();
};
constexpr std::array<Family, 4> kFamilies{{{"lengths", &Prober::lengths},
                                           {"misalignment", &Prober::misalignment},
                                           {"determinism", &Prober::determinism},
                                           {"two-threads", &Prober::two_threads}}};

// A device backend's probes run in this process: CUDA cannot be used in a child forked after
// the parent initialized it (available() does), and a kernel's stray writes land in device
// memory, out of the guard pages' sight anyway; only the host copies touch the fenced buffers.
// A fault there ends this process, after the handler says where on stderr; no timeout applies.
ChildOutcome run_in_process(Shared* sh, const std::function<void()>& work) {
  struct sigaction old {};
  install_fault_handler(sh, true, &old);
  ChildOutcome out;
  try {
    work();
    out.completed = true;
  } catch (const std::exception& e) {
    out.failure = std::string("threw: ") + e.what();
  }
  sigaction(SIGSEGV, &old, nullptr);
  g_shared = nullptr;
  return out;
}

struct FamilyOutcome {
  std::uint64_t calls = 0;
  bool timed_out = false;
};

// One family in a child; its problems (and how it died, if it did) appended to `problems`.
FamilyOutcome run_family(const Backend& b, Op op, Rounding r, const Family& family,
                         const RobustnessOptions& o, std::vector<std::string>& problems) {
  void* m = ::mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) throw std::runtime_error(std::string("mmap: ") + std::strerror(errno));
  Shared* sh = new (m) Shared;
  const auto work = [&] {
    Prober p(b, op, r, *sh, o.large_length);
    (p.*family.probe)();
  };
  const ChildOutcome out = b.kind() == BackendKind::device
                               ? run_in_process(sh, work)
                               : run_isolated([&] {
                                   install_fault_handler(sh, false);
                                   work();
                                   return std::string();
                                 }, o.timeout);

  std::string listed = sh->listed;
  for (std::size_t at = 0; at < listed.size();) {
    const std::size_t nl = std::min(listed.find('\n', at), listed.size());
    problems.push_back(listed.substr(at, nl - at));
    at = nl + 1;
  }
  if (const std::uint32_t n = sh->problems.load(); n > kListed)
    problems.push_back("... and " + std::to_string(n - kListed) + " more problems in the " +
                       family.name + " probe");
  if (!out.completed) {
    const std::string ctx = sh->context[0] ? sh->context : std::string(family.name) + " probe";
    if (sh->fault_where[0])
      problems.push_back(ctx + ": " + sh->fault_what + " (" + sh->fault_where + ": " + out.failure + ")");
    else if (sh->fault_what[0])
      problems.push_back(ctx + ": " + sh->fault_what + " (" + out.failure + ")");
    else
      problems.push_back(ctx + ": " + out.failure);
  }
  const FamilyOutcome result{sh->calls.load(), out.failure.starts_with("timed out")};
  sh->~Shared();
  ::munmap(m, sizeof(Shared));
  return result;
}

}  // namespace

std::vector<std::uint32_t> robustness_inputs(Op op, std::size_t n) {
  const Format& f = *info(op).src;
  std::vector<std::uint32_t> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t h = mix(i ^ 0x726F627573746E73ull);
    const std::uint32_t sign = (h >> 40) & 1;
    const std::uint32_t frac = static_cast<std::uint32_t>(h >> 8) & f.frac_mask();
    const bool ieee = f.specials == Specials::ieee;
    std::uint32_t e = 0, m = 0;
    switch (h % 16) {
      case 0: break;                                                      // +-0
      case 1: m = frac | 1; break;                                        // subnormal
      case 2: e = ieee ? f.exp_mask() : f.max_finite_exp();               // +-inf (fn: max)
              m = ieee ? 0 : f.max_finite_frac(); break;
      case 3: e = f.exp_mask(); m = ieee ? (frac | 1) : f.frac_mask(); break;  // NaN, qNaN or sNaN
      case 4: e = 1; m = frac; break;                                     // smallest normals
      case 5: e = f.max_finite_exp(); m = f.max_finite_frac(); break;     // largest finite
      default:                                                            // anything
        v[i] = static_cast<std::uint32_t>(h >> 16) & f.container_mask();
        continue;
    }
    v[i] = ((sign << (f.width() - 1)) | (e << f.frac_bits) | m) << f.shift;
  }
  return v;
}

std::vector<Run> check_robustness(const Backend& b, std::span<const Op> ops,
                                  std::span<const Rounding> modes, const RobustnessOptions& o) {
  if (o.large_length < kShortest)
    throw std::invalid_argument("robustness: large_length must be at least " +
                                std::to_string(kShortest));
  std::vector<std::pair<Op, Rounding>> pairs;
  for (const Op op : ops) {
    if (is_widening(op)) {
      if (!modes.empty()) pairs.emplace_back(op, Rounding::rne);
      continue;
    }
    for (const Rounding r : modes) pairs.emplace_back(op, r);
  }

  const Availability available = b.available();
  std::vector<Run> runs;
  for (const auto& [op, r] : pairs) {
    Run run;
    run.backend = b.name();
    run.backend_args = b.repro_args();
    run.op = name(op);
    run.rounding = rounding_label(op, r);
    run.inputs = "robustness";
    run.flags_compared = b.reports_flags();
    if (!available.ok) {
      run.status = Status::skipped;
      run.reason = available.reason;
      runs.push_back(std::move(run));
      continue;
    }
    if (!b.implements(op, r)) continue;
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::string> problems;
    for (std::size_t k = 0; k < kFamilies.size(); ++k) {
      const FamilyOutcome f = run_family(b, op, r, kFamilies[k], o, problems);
      run.total += f.calls;
      if (f.timed_out && k + 1 < kFamilies.size()) {  // a hang would cost each family the timeout
        std::string rest;
        for (std::size_t j = k + 1; j < kFamilies.size(); ++j)
          rest += std::string(j == k + 1 ? "" : j + 1 == kFamilies.size() ? " and " : ", ") +
                  kFamilies[j].name;
        problems.push_back(rest + " probes not run: the " + kFamilies[k].name + " probe hung");
        break;
      }
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!problems.empty()) {
      run.status = Status::failed;
      run.reason = problems.front();
      run.problems = std::move(problems);
    }
    runs.push_back(std::move(run));
  }
  return runs;
}

}  // namespace fpconform
