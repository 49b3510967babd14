#include "checks/int8/gemm_robustness.hpp"

#include <array>
#include <chrono>
#include <cstring>
#include <exception>
#include <latch>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>

#include "oracles/int8/gemm.hpp"
#include "checks/fenced.hpp"
#include "vectors/int8_inputs.hpp"

namespace fpconform {
namespace {

using Clock = std::chrono::steady_clock;

// The other two sizes of a ragged shape: 1, below and at a 16-lane vector, one past it, one past
// two, at and past a 64-wide tile. 67 is also the largest size each dimension sweeps to.
constexpr std::array<int, 7> kOtherSizes{1, 7, 16, 17, 33, 64, 67};
constexpr int kLargest = 67;
constexpr int kPairsPerSize = 3;  // 67 x 3 >= 49: every pair of other sizes, for each dimension

constexpr GemmShape shape(int m, int k, int n) { return {.m = m, .n = n, .k = k}; }  // MxK:KxN
// Past one K block (512 k of the SIMD drivers) and one A block (384 rows) in places.
constexpr std::array<GemmShape, 5> kReadOnlyShapes{
    {shape(1, 1, 1), shape(5, 7, 9), shape(64, 64, 64), shape(200, 300, 70), shape(13, 1100, 29)}};
constexpr std::array<GemmShape, 2> kMisalignedShapes{{shape(7, 33, 17), shape(67, 67, 67)}};
constexpr std::array<GemmShape, 4> kDeterminismShapes{
    {shape(1, 1, 1), shape(17, 33, 65), shape(67, 67, 67), shape(64, 256, 64)}};
// Large enough that two calls overlap in time on a loaded machine.
constexpr std::array<GemmShape, 2> kThreadShapes{{shape(67, 67, 67), shape(256, 256, 256)}};

constexpr std::uint64_t kSeed = 0x726F62757374ull;  // "robust": the operands' seeds count up from it

// Every call runs on one thread of the kernel's own (run(..., 1)): a child forked after its parent
// started an OpenMP pool hangs in libgomp if it asks for more than one. The two-threads probe
// makes its own.
constexpr int kKernelThreads = 1;

// include/fpconform/plugin.h promises nothing about alignment, so A and B (bytes)
// may start at any address and C (int32) at any int32 element: the misalignment probe holds
// every backend to exactly that. A C at an odd byte address is no int32 pointer at all.
constexpr std::array<int, 4> kByteOffsets{0, 1, 2, 3};
constexpr std::array<int, 4> kElementOffsets{0, 1, 2, 3};

std::string label(GemmShape s, IntType t) { return "shape " + format_shape(s) + " " + std::string(name(t)); }

std::string exception_text(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

class GemmProber {
 public:
  GemmProber(const Int8Backend& b, IntType t, ProbeRecord& record)
      : b_(b), t_(t), rec_(record),
        model_(b.gemm_model() == GemmModel::exact ? "the exact product"
                                                  : "the declared model " + std::string(name(b.gemm_model()))) {}

  void read_only();
  void ragged();
  void misalignment();
  void determinism();
  void two_threads();

 private:
  struct Operands {
    std::vector<std::uint8_t> a;
    std::vector<std::int8_t> b;
    std::vector<std::int64_t> want;  // C under the backend's model
  };

  std::vector<std::int64_t> model(GemmShape s, const std::uint8_t* a, const std::int8_t* b) const {
    std::vector<std::int64_t> c(std::size_t(s.m) * std::size_t(s.n));
    oracle::gemm_model(b_.gemm_model(), s, t_, a, b, c);
    return c;
  }

  Operands operands(GemmShape s, std::uint64_t seed) const {
    GemmOperands o = gemm_operands(Pattern::full_range, s, t_, kSeed + seed);
    Operands x{std::move(o.a), std::move(o.b), {}};
    x.want = model(s, x.a.data(), x.b.data());
    return x;
  }

  // An input: its bytes in a fenced buffer, sealed read-only.
  static std::unique_ptr<Fenced> sealed(const char* name, const void* bytes, std::size_t n, int offset = -1) {
    auto f = std::make_unique<Fenced>(name, true, n, offset);
    std::memcpy(f->data(), bytes, n);
    f->seal();
    return f;
  }
  // C: m x n int32 elements, flush against its guard page, or `offset` elements past a 64-byte
  // boundary.
  static std::unique_ptr<Fenced> output(const char* name, GemmShape s, int offset = -1) {
    const std::size_t bytes = std::size_t(s.m) * std::size_t(s.n) * sizeof(std::int32_t);
    return std::make_unique<Fenced>(name, false, bytes, offset < 0 ? -1 : offset * int(sizeof(std::int32_t)),
                                    sizeof(std::int32_t));
  }

  void set_context(const std::string& ctx) {
    ctx_ = ctx;
    rec_.set_context(ctx);
  }
  void problem(const std::string& text) { rec_.add_problem(ctx_ + ": " + text); }

  // prepare() of B: null, after a problem line, when it threw or gave no kernel.
  std::unique_ptr<GemmKernel> prepare(GemmShape s, const Fenced& b) {
    rec_.set_context(ctx_ + ", prepare()");
    std::unique_ptr<GemmKernel> k;
    std::exception_ptr failure;
    try {
      k = b_.prepare(s, t_, reinterpret_cast<const std::int8_t*>(b.data()));
    } catch (...) {
      failure = std::current_exception();
    }
    rec_.set_context(ctx_);
    if (failure) problem("prepare() failed: " + exception_text(failure));
    else if (!k) problem("prepare() returned no kernel");
    return k;
  }

  // run() into C filled with `junk` first; then C's canaries checked. False, after a problem
  // line, when it threw.
  bool run(const GemmKernel& k, const Fenced& a, Fenced& c, unsigned char junk) {
    c.fill(junk);
    rec_.calls.fetch_add(1);
    rec_.set_context(ctx_ + ", run()");
    std::exception_ptr failure;
    try {
      k.run(a.data(), reinterpret_cast<std::int32_t*>(c.data()), kKernelThreads);
    } catch (...) {
      failure = std::current_exception();
    }
    rec_.set_context(ctx_);
    check_fence(c);
    if (failure) problem("run() failed: " + exception_text(failure));
    return !failure;
  }

  void check_fence(Fenced& c) {
    if (const std::string d = c.damage(); !d.empty()) problem(d);
  }

  static std::vector<std::int64_t> values(const Fenced& c) {
    std::vector<std::int32_t> v(c.size() / sizeof(std::int32_t));
    std::memcpy(v.data(), c.data(), c.size());
    return {v.begin(), v.end()};
  }

  // C against `want` (what it should equal, in words): the first element that differs and how
  // many do. An exact sum that no int32 holds is not compared.
  void expect(GemmShape s, const Fenced& c, const std::vector<std::int64_t>& want, const std::string& what) {
    const std::vector<std::int64_t> got = values(c);
    std::size_t at = got.size(), count = 0;
    for (std::size_t i = 0; i < got.size(); ++i)
      if (!oracle::overflows_int32(want[i]) && got[i] != want[i] && count++ == 0) at = i;
    if (count == 0) return;
    problem("C[" + std::to_string(at / std::size_t(s.n)) + "][" + std::to_string(at % std::size_t(s.n)) +
            "] differs from " + what + ": got " + std::to_string(got[at]) + ", expected " +
            std::to_string(want[at]) + " (" + std::to_string(count) + " of " + std::to_string(got.size()) +
            " elements differ)");
  }

  // One plain call on fresh buffers, against the model.
  void plain(GemmShape s, std::uint64_t seed) {
    const Operands x = operands(s, seed);
    const auto b = sealed("B", x.b.data(), x.b.size());
    const std::unique_ptr<GemmKernel> kernel = prepare(s, *b);
    if (!kernel) return;
    const auto a = sealed("A", x.a.data(), x.a.size());
    const auto c = output("C", s);
    if (run(*kernel, *a, *c, 0xA5)) expect(s, *c, x.want, model_);
  }

  const Int8Backend& b_;
  IntType t_;
  ProbeRecord& rec_;
  std::string model_;  // what C must equal, in words
  std::string ctx_;
};

void GemmProber::read_only() {
  for (std::size_t i = 0; i < kReadOnlyShapes.size(); ++i) {
    set_context("read-only probe, " + label(kReadOnlyShapes[i], t_));
    plain(kReadOnlyShapes[i], 1000 + i);
  }
}

void GemmProber::ragged() {
  const std::vector<GemmShape> shapes = gemm_robustness_shapes();
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    set_context("ragged probe, " + label(shapes[i], t_));
    plain(shapes[i], i);
  }
}

// Every (A, B, C) offset: B's for prepare(), A's and C's for run().
void GemmProber::misalignment() {
  for (std::size_t i = 0; i < kMisalignedShapes.size(); ++i) {
    const GemmShape s = kMisalignedShapes[i];
    const Operands x = operands(s, 2000 + i);
    for (int bo : kByteOffsets) {
      set_context("misalignment probe, " + label(s, t_) + ", B offset " + std::to_string(bo));
      const auto b = sealed("B", x.b.data(), x.b.size(), bo);
      const std::unique_ptr<GemmKernel> kernel = prepare(s, *b);
      if (!kernel) continue;
      for (int ao : kByteOffsets) {
        const auto a = sealed("A", x.a.data(), x.a.size(), ao);
        for (int co : kElementOffsets) {
          set_context("misalignment probe, " + label(s, t_) + ", A offset " + std::to_string(ao) + ", B offset " +
                      std::to_string(bo) + ", C offset " + std::to_string(co * int(sizeof(std::int32_t))) +
                      " bytes");
          const auto c = output("C", s, co);
          if (run(*kernel, *a, *c, 0xA5)) expect(s, *c, x.want, model_);
        }
      }
    }
  }
}

// The same call twice, into the same C filled with different junk each time.
void GemmProber::determinism() {
  for (std::size_t i = 0; i < kDeterminismShapes.size(); ++i) {
    const GemmShape s = kDeterminismShapes[i];
    const std::string base = "determinism probe, " + label(s, t_);
    set_context(base);
    const Operands x = operands(s, 3000 + i);
    const auto b = sealed("B", x.b.data(), x.b.size());
    const std::unique_ptr<GemmKernel> kernel = prepare(s, *b);
    if (!kernel) continue;
    const auto a = sealed("A", x.a.data(), x.a.size());
    const auto c = output("C", s);
    set_context(base + ", first call");
    if (!run(*kernel, *a, *c, 0x5A)) continue;
    expect(s, *c, x.want, model_);
    const std::vector<std::int64_t> first = values(*c);
    set_context(base + ", second call");
    if (run(*kernel, *a, *c, 0xA5)) expect(s, *c, first, "the first of two identical calls");
  }
}

// Two threads run() one prepared kernel at once, each into its own C; each must give the
// single-thread result. Threads in step on the same A would write the same values into a shared
// scratch buffer and hide the race, so besides the plain round, thread 2 multiplies another A,
// and then starts half a call late.
void GemmProber::two_threads() {
  struct Round {
    const char* what;
    int a2;     // the A of thread 2: 0 the same as thread 1's, 1 another
    bool late;  // thread 2 starts half a call after thread 1
  };
  static constexpr std::array<Round, 3> kRounds{{{"together", 0, false},
                                                 {"thread 2 on another A", 1, false},
                                                 {"thread 2 half a call late", 1, true}}};
  static constexpr std::array<const char*, 2> kA{"A", "the other A"};
  static constexpr std::array<const char*, 2> kC{"C of thread 1", "C of thread 2"};
  for (std::size_t i = 0; i < kThreadShapes.size(); ++i) {
    const GemmShape s = kThreadShapes[i];
    const std::string base = "two-threads probe, " + label(s, t_);
    set_context(base);
    const Operands x = operands(s, 4000 + i);
    const Operands other = operands(s, 5000 + i);  // its A with x's B
    const auto b = sealed("B", x.b.data(), x.b.size());
    const std::unique_ptr<GemmKernel> kernel = prepare(s, *b);
    if (!kernel) continue;
    const std::array<std::unique_ptr<Fenced>, 2> as{sealed(kA[0], x.a.data(), x.a.size()),
                                                    sealed(kA[1], other.a.data(), other.a.size())};
    const std::array<std::vector<std::int64_t>, 2> want{x.want, model(s, other.a.data(), x.b.data())};

    std::array<std::vector<std::int64_t>, 2> single;
    Clock::duration half{};
    bool ok = true;
    for (std::size_t t = 0; t < 2 && ok; ++t) {
      set_context(base + ", one thread on " + kA[t]);
      const auto c = output("C", s);
      const auto t0 = Clock::now();
      ok = run(*kernel, *as[t], *c, 0x5A);
      half = (Clock::now() - t0) / 2;
      if (!ok) break;
      expect(s, *c, want[t], model_);
      single[t] = values(*c);
    }
    if (!ok) continue;

    for (std::size_t k = 0; k < kRounds.size(); ++k) {
      const Round& round = kRounds[k];
      const std::string ctx = base + ", round " + std::to_string(k + 1) + " (" + round.what + ")";
      set_context(ctx);
      const std::array<std::unique_ptr<Fenced>, 2> cs{output(kC[0], s), output(kC[1], s)};
      for (const auto& c : cs) c->fill(0xA5);
      std::array<std::exception_ptr, 2> failures;
      rec_.set_context(ctx + ", run() in two threads at once");
      {
        std::latch start(2);
        std::array<std::jthread, 2> threads;
        for (std::size_t t = 0; t < 2; ++t)
          threads[t] = std::jthread([&, t] {
            const Fenced& a = *as[t == 1 ? std::size_t(round.a2) : 0];
            start.arrive_and_wait();
            if (t == 1 && round.late) std::this_thread::sleep_for(half);
            rec_.calls.fetch_add(1);
            try {
              kernel->run(a.data(), reinterpret_cast<std::int32_t*>(cs[t]->data()), kKernelThreads);
            } catch (...) {
              failures[t] = std::current_exception();
            }
          });
      }
      for (std::size_t t = 0; t < 2; ++t) {
        set_context(ctx + ", thread " + std::to_string(t + 1));
        check_fence(*cs[t]);
        if (failures[t])
          problem("run() failed: " + exception_text(failures[t]));
        else
          expect(s, *cs[t], single[t == 1 ? std::size_t(round.a2) : 0], "the single-thread result");
      }
    }
  }
}

struct Family {
  const char* name;
  void (GemmProber::*probe)();
};
constexpr std::array<Family, 5> kFamilies{{{"read-only", &GemmProber::read_only},
                                           {"ragged", &GemmProber::ragged},
                                           {"misalignment", &GemmProber::misalignment},
                                           {"determinism", &GemmProber::determinism},
                                           {"two-threads", &GemmProber::two_threads}}};

}  // namespace

std::vector<GemmShape> gemm_robustness_shapes() {
  std::vector<GemmShape> shapes;
  std::set<std::tuple<int, int, int>> seen;
  constexpr int kOthers = int(kOtherSizes.size());
  for (int dim = 0; dim < 3; ++dim)
    for (int v = 1; v <= kLargest; ++v)
      for (int j = 0; j < kPairsPerSize; ++j) {
        const int i = kPairsPerSize * (v - 1) + j;  // walks every (p, q) pair of other sizes
        const int p = kOtherSizes[std::size_t(i % kOthers)], q = kOtherSizes[std::size_t(i / kOthers % kOthers)];
        const GemmShape s = dim == 0 ? shape(v, p, q) : dim == 1 ? shape(p, q, v) : shape(p, v, q);
        if (seen.insert({s.m, s.k, s.n}).second) shapes.push_back(s);
      }
  return shapes;
}

std::vector<GemmRobustness> check_gemm_robustness(const Int8Backend& b, const GemmRobustnessOptions& o) {
  std::vector<std::string> names;
  for (const Family& f : kFamilies) names.emplace_back(f.name);
  const bool in_process = b.kind() == BackendKind::plugin || b.kind() == BackendKind::device;
  std::vector<GemmRobustness> out;
  std::optional<Availability> available;
  for (const IntType t : o.a_types) {
    if (!b.multiplies(t)) continue;
    if (!available) available = b.available();
    GemmRobustness r;
    r.backend = b.name();
    r.a_type = t;
    r.repro = !o.repro.empty() ? o.repro
                               : "fpconform matmul --check robustness --backend " + r.backend + " --a-type " +
                                     std::string(name(t));
    if (!available->ok) {
      r.status = Status::skipped;
      r.reason = available->reason;
      out.push_back(std::move(r));
      continue;
    }
    const auto t0 = Clock::now();
    r.calls = run_probe_families(names, in_process, o.timeout, [&](std::size_t k, ProbeRecord& record) {
      GemmProber p(b, t, record);
      (p.*kFamilies[k].probe)();
    }, r.problems);
    r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    if (!r.problems.empty()) {
      r.status = Status::failed;
      r.reason = r.problems.front();
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace fpconform
