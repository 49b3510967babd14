#include "checks/robustness.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <latch>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "fpconform/container.hpp"
#include "checks/fenced.hpp"
#include "reports/fields.hpp"

namespace fpconform {
namespace {

constexpr std::size_t kShortest = 128;  // the least large_length: the tail window needs 128

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

// Runs the probes of one (backend, op, rounding) in a child, writing problems to its ProbeRecord.
// Thrown by a probe whose call failed: the family ends there, its problem listed.
struct Abandoned {};

class Prober {
 public:
  Prober(const Backend& b, Op op, Rounding r, ProbeRecord& sh, std::size_t large)
      : b_(b), op_(op), r_(r), sh_(sh), src_(*info(op).src), dst_(*info(op).dst),
        in_bits_(input_bits(op)), sb_(word_bytes(in_bits_)), db_(container_bytes(dst_)), large_(large),
        pattern_(robustness_inputs(op, large)) {}

  void lengths();
  void misalignment();
  void determinism();
  void two_threads();

 private:
  // n words of the pattern (or of `source`), in and out placed as Fenced places them.
  Batch batch(std::size_t n, int in_offset = -1, int out_offset = -1,
              const Word* source = nullptr) const {
    if (!source) source = pattern_.data();
    Batch x;
    x.n = n;
    x.in = std::make_unique<Fenced>("in", true, n * sb_, in_offset);
    for (std::size_t i = 0; i < n; ++i) store_word(in_bits_, x.in->data(), i, source[i]);
    x.out = std::make_unique<Fenced>("out", false, n * db_, out_offset);
    if (b_.reports_flags()) x.flags = std::make_unique<Fenced>("flags", false, n, out_offset);
    return x;
  }

  void set_context(const std::string& ctx) {
    ctx_ = ctx;
    sh_.set_context(ctx);
  }

  void problem(const std::string& text) { sh_.add_problem(ctx_ + ": " + text); }

  // The plain call, safe to make from several threads at once. One that throws (a plug-in's
  // subject crashed, or wrote outside its buffers there) ends the family: see stop_if_failed.
  void convert(const unsigned char* in, Fenced& out, Fenced* flags, std::size_t n) const {
    sh_.calls.fetch_add(1);
    try {
      b_.convert(op_, r_, in, out.data(), n, flags ? flags->data() : nullptr);
    } catch (const std::exception& e) {
      const std::lock_guard lock(failure_mutex_);
      if (failure_.empty()) failure_ = e.what();
    }
  }

  // From the probe's own thread, after its calls.
  void stop_if_failed() {
    const std::lock_guard lock(failure_mutex_);
    if (failure_.empty()) return;
    problem(failure_);
    throw Abandoned{};
  }

  // out (and flags) filled with `junk` first, so that an element left unwritten shows as a
  // difference; then the input and every canary checked.
  void call(Batch& x, unsigned char junk) {
    x.out->fill(junk);
    if (x.flags) x.flags->fill(junk);
    const std::vector<unsigned char> before(x.in->data(), x.in->end());
    convert(x.in->data(), *x.out, x.flags.get(), x.n);
    stop_if_failed();
    check_input(*x.in, before);
    check_fences({x.in.get(), x.out.get(), x.flags.get()});
  }

  void check_input(const Fenced& in, const std::vector<unsigned char>& before) {
    const auto diff = std::mismatch(before.begin(), before.end(), in.data()).first;
    if (diff == before.end()) return;
    const std::size_t k = std::size_t(diff - before.begin()) / sb_;
    problem("modified its input at element " + std::to_string(k) + ": " +
            input_hex(op_, load_word(in_bits_, before.data(), k)) + " became " +
            input_hex(op_, load_word(in_bits_, in.data(), k)));
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
                                input_hex(op_, pattern_[first + at]) + ")";
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
  ProbeRecord& sh_;
  const Format& src_;
  const Format& dst_;
  int in_bits_;  // an input word's width (operation.hpp)
  std::size_t sb_, db_, large_;
  std::vector<Word> pattern_;
  std::string ctx_;
  mutable std::mutex failure_mutex_;
  mutable std::string failure_;  // the first call that threw: what it said
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
  std::vector<Word> window(pattern_.begin() + std::ptrdiff_t(skip), pattern_.end());
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
    stop_if_failed();
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

struct FamilyOutcome {
  std::uint64_t calls = 0;
  bool timed_out = false;
};

// One family in a child; its problems (and how it died, if it did) appended to `problems`.
// A device backend's probes run in this process: CUDA cannot be used in a child forked after
// the parent initialized it (available() does), and a kernel's stray writes land in device
// memory, out of the guard pages' sight anyway; only the host copies touch the fenced buffers.
FamilyOutcome run_family(const Backend& b, Op op, Rounding r, const Family& family,
                         const RobustnessOptions& o, std::vector<std::string>& problems) {
  SharedProbeRecord sh;
  // A plug-in computes in its subject process (plugins/subject.hpp): its calls are safe here.
  const bool in_process = b.kind() == BackendKind::device || b.kind() == BackendKind::plugin;
  const ChildOutcome out = run_probe_family(*sh, in_process, [&] {
    Prober p(b, op, r, *sh, o.large_length);
    try {
      (p.*family.probe)();
    } catch (const Abandoned&) {
    }
  }, o.timeout);
  collect_problems(*sh, out, family.name, problems);
  return {sh->calls.load(), out.failure.starts_with("timed out")};
}

}  // namespace

std::vector<Word> robustness_inputs(Op op, std::size_t n) {
  const Format& f = *info(op).src;
  std::vector<Word> v(n);
  if (arity(op) > 1) {  // each operand drawn as a one-operand op's input is
    const std::size_t k = static_cast<std::size_t>(arity(op));
    Op one = op;
    for (const OpInfo& i : kOps)
      if (i.src == &f && i.arity == 1) one = i.op;
    const std::vector<Word> x = robustness_inputs(one, n * k);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < k; ++j) v[i] = (v[i] << f.container_bits) | x[i * k + j];
    return v;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t h = mix(i ^ 0x726F627573746E73ull);
    const std::uint64_t sign = (h >> 40) & 1;
    // binary64: the fraction's low bits from a second draw (h has 64 bits in all).
    const std::uint64_t frac = ((h >> 8) ^ (f.width() == 64 ? mix(h) << 20 : 0)) & f.frac_mask();
    const bool ieee = f.specials == Specials::ieee;
    std::uint64_t e = 0, m = 0;
    switch (h % 16) {
      case 0: break;                                                      // +-0
      case 1: m = frac | 1; break;                                        // subnormal
      case 2: e = ieee ? f.exp_mask() : f.max_finite_exp();               // +-inf (fn: max)
              m = ieee ? 0 : f.max_finite_frac(); break;
      case 3: e = f.exp_mask(); m = ieee ? (frac | 1) : f.frac_mask(); break;  // NaN, qNaN or sNaN
      case 4: e = 1; m = frac; break;                                     // smallest normals
      case 5: e = f.max_finite_exp(); m = f.max_finite_frac(); break;     // largest finite
      default:                                                            // anything
        v[i] = (f.width() == 64 ? mix(h) : h >> 16) & f.container_mask();
        continue;
    }
    v[i] = ((sign << (f.width() - 1)) | (e << f.frac_bits) | m) << f.shift;
  }
  return v;
}

Run robustness_labels(const Backend& b, Op op, Rounding r) {
  Run run;
  run.backend = b.name();
  run.backend_args = b.repro_args();
  run.op = name(op);
  run.rounding = rounding_label(op, r);
  run.inputs = "robustness";
  run.flags_compared = b.reports_flags();
  return run;
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
    Run run = robustness_labels(b, op, r);
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
