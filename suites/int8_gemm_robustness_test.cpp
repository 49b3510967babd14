// GEMM robustness probes (checks/int8/gemm_robustness.hpp): every built-in INT8 GEMM passes them
// for each A type it multiplies (an unavailable one is skipped with its reason); deliberately
// broken GEMMs, defined here, one defect each, are each caught with the message that names it —
// proof that every probe can fail; and the results reach the JSON, the text, JUnit and HTML.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "fpconform/int8_backend.hpp"
#include "checks/int8/gemm_robustness.hpp"
#include "reports/html_report.hpp"
#include "reports/int8_report.hpp"
#include "reports/int8_result_json.hpp"
#include "reports/int8_text.hpp"
#include "reports/junit.hpp"
#include "suites/support/test_names.hpp"

namespace fpconform {

// How gtest shows a parameter: the backend's name, not its address (found by ADL).
[[maybe_unused]] static void PrintTo(const Int8Backend* b, std::ostream* os) { *os << b->name(); }

namespace {

using namespace std::chrono_literals;

std::string listing(const std::vector<GemmRobustness>& results) {
  std::string s;
  for (const GemmRobustness& r : results) {
    s += r.backend + " " + std::string(name(r.a_type)) + ": " + std::string(name(r.status)) + ", " +
         std::to_string(r.calls) + " calls" + (r.reason.empty() || r.problems.empty() ? " " + r.reason : "");
    for (const std::string& p : r.problems) s += "\n  " + p;
    s += "\n  repro: " + r.repro + "\n";
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Every compiled-in backend with a GEMM, named after it.

std::vector<const Int8Backend*> gemm_backends() {
  std::vector<const Int8Backend*> v;
  for (const Int8Backend* b : int8_backends())
    if (b->multiplies(IntType::s8) || b->multiplies(IntType::u8)) v.push_back(b);
  return v;
}

class BuiltIn : public ::testing::TestWithParam<const Int8Backend*> {};

TEST_P(BuiltIn, PassesEveryProbe) {
  const Int8Backend& b = *GetParam();
  const std::vector<GemmRobustness> results = check_gemm_robustness(b);
  ASSERT_FALSE(results.empty()) << b.name() << " multiplies but no probe ran";
  for (const GemmRobustness& r : results) {
    EXPECT_EQ(r.backend, b.name());
    EXPECT_TRUE(b.multiplies(r.a_type));
    if (r.status == Status::skipped) {
      EXPECT_EQ(r.reason, b.available().reason);
      continue;
    }
    EXPECT_EQ(r.status, Status::passed) << listing(results);
    EXPECT_GT(r.calls, 0u) << listing(results);
  }
  if (const Availability a = b.available(); !a.ok) GTEST_SKIP() << b.name() << " unavailable: " << a.reason;
}

std::string backend_test_name(const ::testing::TestParamInfo<const Int8Backend*>& info) {
  return test_name(info.param->name());
}

INSTANTIATE_TEST_SUITE_P(GemmRobustness, BuiltIn, ::testing::ValuesIn(gemm_backends()), backend_test_name);

// ---------------------------------------------------------------------------------------------
// Deliberately broken GEMMs: s8 A only, exact in plain loops, then one thing wrong.

class Exact : public GemmKernel {
 public:
  Exact(GemmShape s, const std::int8_t* b) : s_(s), b_(b, b + std::size_t(s.k) * std::size_t(s.n)) {}
  void run(const void* a, std::int32_t* c, int) const override {
    for (int i = 0; i < s_.m; ++i)
      for (int j = 0; j < s_.n; ++j) c[index(i, j)] = dot(a, i, j);
  }

 protected:
  std::size_t index(int i, int j) const { return std::size_t(i) * std::size_t(s_.n) + std::size_t(j); }
  std::int32_t dot(const void* a, int i, int j) const {
    const auto* a8 = static_cast<const std::int8_t*>(a) + std::size_t(i) * std::size_t(s_.k);
    std::int32_t sum = 0;
    for (int p = 0; p < s_.k; ++p) sum += a8[p] * b_[std::size_t(p) * std::size_t(s_.n) + std::size_t(j)];
    return sum;
  }
  std::size_t elements() const { return std::size_t(s_.m) * std::size_t(s_.n); }

  GemmShape s_;
  std::vector<std::int8_t> b_;
};

template <class Kernel>
class Specimen final : public Int8Backend {
 public:
  explicit Specimen(std::string name, BackendKind kind = BackendKind::mutant, Availability a = {})
      : name_(std::move(name)), kind_(kind), available_(std::move(a)) {}
  std::string_view name() const override { return name_; }
  std::string_view description() const override { return "test: GEMM robustness specimen"; }
  BackendKind kind() const override { return kind_; }
  Availability available() const override { return available_; }
  bool multiplies(IntType t) const override { return t == IntType::s8; }
  std::unique_ptr<GemmKernel> prepare(GemmShape shape, IntType, const std::int8_t* b) const override {
    prepares.fetch_add(1);
    return std::make_unique<Kernel>(shape, b);
  }
  mutable std::atomic<std::uint64_t> prepares{0};  // in this process only where probed in it

 private:
  std::string name_;
  BackendKind kind_;
  Availability available_;
};

// One past the end of C.
class WritesPastC final : public Exact {
 public:
  using Exact::Exact;
  void run(const void* a, std::int32_t* c, int t) const override {
    Exact::run(a, c, t);
    c[elements()] = 0;
  }
};

// C[-1].
class WritesBeforeC final : public Exact {
 public:
  using Exact::Exact;
  void run(const void* a, std::int32_t* c, int t) const override {
    Exact::run(a, c, t);
    c[-1] = 0;
  }
};

// Into A's middle element, as if it were scratch.
class WritesIntoA final : public Exact {
 public:
  using Exact::Exact;
  void run(const void* a, std::int32_t* c, int t) const override {
    Exact::run(a, c, t);
    static_cast<volatile std::int8_t*>(const_cast<void*>(a))[std::size_t(s_.m) * std::size_t(s_.k) / 2] = 0;
  }
};

// Into B's middle element while preparing (negating it in place before copying).
class WritesIntoB final : public Exact {
 public:
  WritesIntoB(GemmShape s, const std::int8_t* b) : Exact(s, negate_middle(s, b)) {}

 private:
  static const std::int8_t* negate_middle(GemmShape s, const std::int8_t* b) {
    auto* w = const_cast<volatile std::int8_t*>(b);
    const std::size_t mid = std::size_t(s.k) * std::size_t(s.n) / 2;
    w[mid] = static_cast<std::int8_t>(-w[mid]);
    return b;
  }
};

// Right for whole groups of 16 columns; the last n % 16 columns of each row are never written.
class SkipsColumnTail final : public Exact {
 public:
  using Exact::Exact;
  void run(const void* a, std::int32_t* c, int) const override {
    for (int i = 0; i < s_.m; ++i)
      for (int j = 0; j < s_.n - s_.n % 16; ++j) c[index(i, j)] = dot(a, i, j);
  }
};

// Every other call flips C[0][0]'s low bit.
class Nondeterministic final : public Exact {
 public:
  using Exact::Exact;
  void run(const void* a, std::int32_t* c, int t) const override {
    Exact::run(a, c, t);
    static std::atomic<unsigned> calls{0};
    if (calls.fetch_add(1) % 2 == 1) c[0] ^= 1;
  }
};

// Each row of C through one static scratch row: two threads at once trample each other's rows.
// (Relaxed atomics: the race is in the logic, not undefined behaviour. The yield stands for the
// work a real kernel does between filling and reading its scratch, so the race shows on a loaded
// machine where the two threads take turns on one core.)
class SharedScratch final : public Exact {
 public:
  using Exact::Exact;
  void run(const void* a, std::int32_t* c, int t) const override {
    static std::array<std::atomic<std::int32_t>, 1024> scratch;
    if (std::size_t(s_.n) > scratch.size()) return Exact::run(a, c, t);
    for (int i = 0; i < s_.m; ++i) {
      for (int j = 0; j < s_.n; ++j) scratch[std::size_t(j)].store(dot(a, i, j), std::memory_order_relaxed);
      std::this_thread::yield();
      for (int j = 0; j < s_.n; ++j) c[index(i, j)] = scratch[std::size_t(j)].load(std::memory_order_relaxed);
    }
  }
};

// Off by one in C[0][0] when A does not start on a 4-byte boundary (a vector load's fix-up gone
// wrong).
class WrongWhenMisaligned final : public Exact {
 public:
  using Exact::Exact;
  void run(const void* a, std::int32_t* c, int t) const override {
    Exact::run(a, c, t);
    if (reinterpret_cast<std::uintptr_t>(a) % 4 != 0) c[0] += 1;
  }
};

class Hangs final : public Exact {
 public:
  using Exact::Exact;
  void run(const void*, std::int32_t*, int) const override {
    for (;;) std::this_thread::sleep_for(1s);
  }
};

// As a plug-in's proxy reports its subject's crash: run() throws, here on the 5x7:7x9 problem
// only (and prepare() on 64 x 64); every other call is exact.
class ProxyReportsACrash final : public Exact {
 public:
  ProxyReportsACrash(GemmShape s, const std::int8_t* b) : Exact(s, b) {
    if (s.m == 64 && s.n == 64 && s.k == 64) throw std::runtime_error("the subject process is gone");
  }
  void run(const void* a, std::int32_t* c, int t) const override {
    if (s_.m == 5 && s_.k == 7 && s_.n == 9)
      throw std::runtime_error("wrote past the end of C (guard page hit at end+0: killed by signal 11 "
                               "(SIGSEGV: Segmentation fault))");
    Exact::run(a, c, t);
  }
};

// The one result of a specimen (s8).
GemmRobustness probe(const Int8Backend& b, std::chrono::milliseconds timeout = 60s) {
  GemmRobustnessOptions o;
  o.timeout = timeout;
  const std::vector<GemmRobustness> results = check_gemm_robustness(b, o);
  EXPECT_EQ(results.size(), 1u) << listing(results);
  return results.empty() ? GemmRobustness{} : results.front();
}

// Whether some problem starts with `context` and contains `text`.
bool found(const GemmRobustness& r, std::string_view context, std::string_view text) {
  return std::any_of(r.problems.begin(), r.problems.end(), [&](const std::string& p) {
    return p.starts_with(context) && p.find(text) != std::string::npos;
  });
}

// read-only 5 shapes; ragged; misalignment 2 shapes x 4 x 4 x 4 offsets; determinism 4 shapes
// twice; two threads 2 shapes x (2 single calls + 3 rounds of 2).
std::uint64_t every_call() { return 5 + gemm_robustness_shapes().size() + 2 * 64 + 4 * 2 + 2 * (2 + 3 * 2); }

constexpr const char* kSegv = "killed by signal 11 (SIGSEGV: Segmentation fault)";

TEST(GemmProbes, RaggedShapesCoverEveryDimensionWithEveryPairOfOthers) {
  const std::vector<GemmShape> shapes = gemm_robustness_shapes();
  const std::array<int, 7> others{1, 7, 16, 17, 33, 64, 67};
  for (int v = 1; v <= 67; ++v) {
    const auto has = [&](auto pick) { return std::any_of(shapes.begin(), shapes.end(), pick); };
    EXPECT_TRUE(has([&](GemmShape s) { return s.m == v; })) << "M " << v;
    EXPECT_TRUE(has([&](GemmShape s) { return s.n == v; })) << "N " << v;
    EXPECT_TRUE(has([&](GemmShape s) { return s.k == v; })) << "K " << v;
  }
  for (int p : others)
    for (int q : others)
      EXPECT_TRUE(std::any_of(shapes.begin(), shapes.end(), [&](GemmShape s) { return s.n == p && s.k == q; }))
          << "M varied with N " << p << ", K " << q;
  EXPECT_LT(shapes.size(), 700u) << "not the whole cube";
}

TEST(GemmProbes, AnExactGemmPassesWithEveryCallCountedInChildren) {
  const Specimen<Exact> exact("exact");
  const GemmRobustness r = probe(exact);
  EXPECT_EQ(r.status, Status::passed) << listing({r});
  EXPECT_EQ(r.backend, "exact");
  EXPECT_EQ(r.a_type, IntType::s8);
  EXPECT_EQ(r.calls, every_call());
  EXPECT_EQ(r.repro, "fpconform matmul --check robustness --backend exact --a-type s8");
  EXPECT_EQ(exact.prepares.load(), 0u) << "every call was made in a child process";
}

TEST(GemmProbes, AnUnavailableBackendIsSkippedWithItsReason) {
  const Specimen<Exact> absent("absent", BackendKind::mutant, {false, "no such unit (test)"});
  const GemmRobustness r = probe(absent);
  EXPECT_EQ(r.status, Status::skipped);
  EXPECT_EQ(r.reason, "no such unit (test)");
  EXPECT_EQ(r.calls, 0u);
}

TEST(GemmProbes, AWriteOnePastTheEndOfCHitsTheGuardPage) {
  const GemmRobustness r = probe(Specimen<WritesPastC>("writes-past-c"));
  EXPECT_EQ(r.status, Status::failed);
  EXPECT_EQ(r.reason, std::string("read-only probe, shape 1x1:1x1 s8, run(): wrote past the end of C (guard page "
                                  "hit at end+0: ") + kSegv + ")") << listing({r});
  EXPECT_TRUE(found(r, "ragged probe, shape 1x1:1x1 s8, run():", "wrote past the end of C (guard page hit at end+0"))
      << listing({r});
  // Where C ends short of the page (placed at an offset), the canaries between catch it instead.
  EXPECT_TRUE(found(r, "misalignment probe, shape 7x33:33x17 s8, A offset 0, B offset 0, C offset 0 bytes:",
                    ": wrote 4 bytes past the end of C")) << listing({r});
}

TEST(GemmProbes, AWriteBeforeTheStartOfCTripsTheCanaries) {
  const GemmRobustness r = probe(Specimen<WritesBeforeC>("writes-before-c"));
  EXPECT_EQ(r.status, Status::failed);
  EXPECT_EQ(r.reason, "read-only probe, shape 1x1:1x1 s8: wrote 4 bytes before the start of C") << listing({r});
  EXPECT_TRUE(found(r, "ragged probe, shape 1x7:7x1 s8:", "wrote 4 bytes before the start of C")) << listing({r});
  EXPECT_TRUE(found(r, "two-threads probe, shape 67x67:67x67 s8, round 1 (together), thread 2:",
                    "wrote 4 bytes before the start of C of thread 2")) << listing({r});
  EXPECT_TRUE(found(r, "... and ", " more problems in the ragged probe")) << "counted past the list";
  EXPECT_EQ(r.calls, every_call()) << "a canary problem stops no probe";
}

TEST(GemmProbes, AWriteIntoAIsNamedWithTheElement) {
  const GemmRobustness r = probe(Specimen<WritesIntoA>("writes-into-a"));
  EXPECT_EQ(r.status, Status::failed);
  EXPECT_EQ(r.reason, std::string("read-only probe, shape 1x1:1x1 s8, run(): wrote into A (read-only page hit at "
                                  "element 0: ") + kSegv + ")") << listing({r});
  EXPECT_TRUE(found(r, "misalignment probe, shape 7x33:33x17 s8, A offset 0, B offset 0, C offset 0 bytes, run():",
                    "wrote into A (read-only page hit at element 115: ")) << listing({r});
}

TEST(GemmProbes, AWriteIntoBDuringPrepareIsNamedWithTheElement) {
  const GemmRobustness r = probe(Specimen<WritesIntoB>("writes-into-b"));
  EXPECT_EQ(r.status, Status::failed);
  EXPECT_EQ(r.reason, std::string("read-only probe, shape 1x1:1x1 s8, prepare(): wrote into B (read-only page hit "
                                  "at element 0: ") + kSegv + ")") << listing({r});
  EXPECT_TRUE(found(r, "misalignment probe, shape 7x33:33x17 s8, B offset 0, prepare():",
                    "wrote into B (read-only page hit at element 280: ")) << listing({r});
}

TEST(GemmProbes, ASkippedColumnTailIsCaughtOnRaggedShapes) {
  const GemmRobustness r = probe(Specimen<SkipsColumnTail>("skips-column-tail"));
  EXPECT_EQ(r.status, Status::failed);
  // C is filled with 0xA5 bytes before each call: an element never written reads 0xA5A5A5A5.
  EXPECT_TRUE(found(r, "ragged probe, shape 1x1:1x1 s8:",
                    "C[0][0] differs from the exact product: got -1515870811, expected ")) << listing({r});
  EXPECT_TRUE(found(r, "read-only probe, shape 200x300:300x70 s8:",
                    "C[0][64] differs from the exact product: got -1515870811")) << listing({r});
  EXPECT_FALSE(found(r, "read-only probe, shape 64x64:64x64 s8", "")) << "64 columns: no tail";
}

TEST(GemmProbes, ANondeterministicGemmDiffersFromItsFirstCall) {
  const GemmRobustness r = probe(Specimen<Nondeterministic>("nondeterministic"));
  EXPECT_EQ(r.status, Status::failed);
  EXPECT_TRUE(found(r, "determinism probe, shape 1x1:1x1 s8, second call:",
                    "C[0][0] differs from the first of two identical calls: got ")) << listing({r});
}

TEST(GemmProbes, ASharedScratchBufferIsCaughtByTwoThreads) {
  const GemmRobustness r = probe(Specimen<SharedScratch>("shared-scratch"));
  EXPECT_EQ(r.status, Status::failed);
  EXPECT_TRUE(found(r, "two-threads probe, shape ", "differs from the single-thread result")) << listing({r});
  EXPECT_FALSE(found(r, "ragged probe", "")) << "one thread at a time is right" << listing({r});
  EXPECT_FALSE(found(r, "determinism probe", "")) << listing({r});
}

TEST(GemmProbes, AGemmWrongOnlyOnAMisalignedAIsCaught) {
  const GemmRobustness r = probe(Specimen<WrongWhenMisaligned>("wrong-when-misaligned"));
  EXPECT_EQ(r.status, Status::failed);
  EXPECT_TRUE(found(r, "misalignment probe, shape 7x33:33x17 s8, A offset 1, B offset 0, C offset 0 bytes:",
                    "C[0][0] differs from the exact product: got ")) << listing({r});
  EXPECT_FALSE(found(r, "misalignment probe, shape 7x33:33x17 s8, A offset 0, B offset 0, C offset 0 bytes:", ""))
      << listing({r});
}

TEST(GemmProbes, AHangIsKilledAndStopsTheRest) {
  const GemmRobustness r = probe(Specimen<Hangs>("hangs"), 1s);
  EXPECT_EQ(r.status, Status::failed);
  EXPECT_EQ(r.reason, "read-only probe, shape 1x1:1x1 s8, run(): timed out after 1.000 s (killed)") << listing({r});
  ASSERT_EQ(r.problems.size(), 2u) << listing({r});
  EXPECT_EQ(r.problems[1], "ragged, misalignment, determinism and two-threads probes not run: the read-only probe hung");
}

// A plug-in's GEMM is probed in this process; what its proxy throws is a problem line of the call
// in progress, and the probes go on.
TEST(GemmProbes, APlugInsExceptionsAreProblemLinesAndTheProbesGoOn) {
  const Specimen<ProxyReportsACrash> proxy("proxy", BackendKind::plugin);
  const GemmRobustness r = probe(proxy);
  EXPECT_EQ(r.status, Status::failed);
  ASSERT_EQ(r.problems.size(), 2u) << listing({r});
  EXPECT_EQ(r.problems[0], std::string("read-only probe, shape 5x7:7x9 s8: run() failed: wrote past the end of C "
                                       "(guard page hit at end+0: ") + kSegv + ")");
  EXPECT_EQ(r.problems[1], "read-only probe, shape 64x64:64x64 s8: prepare() failed: the subject process is gone");
  EXPECT_EQ(r.calls, every_call() - 1) << "every call but the one whose prepare() failed";
  EXPECT_GT(proxy.prepares.load(), 0u) << "probed in this process";
}

// ---------------------------------------------------------------------------------------------
// The results in the JSON, the terminal, JUnit and HTML.

Int8Results sample() {
  Int8Results r;
  GemmRobustness passed;
  passed.backend = "reference";
  passed.a_type = IntType::u8;
  passed.calls = 754;
  passed.repro = "fpconform matmul --check robustness --backend reference --a-type u8";
  passed.seconds = 0.25;
  GemmRobustness failed = passed;
  failed.backend = "bad<&>";
  failed.a_type = IntType::s8;
  failed.status = Status::failed;
  for (int i = 0; i < 8; ++i)
    failed.problems.push_back("ragged probe, shape " + std::to_string(i + 1) + "x1:1x1 s8: wrote 4 bytes past "
                              "the end of C <script>");
  failed.reason = failed.problems.front();
  GemmRobustness skipped = passed;
  skipped.backend = "gpu";
  skipped.status = Status::skipped;
  skipped.reason = "no CUDA device";
  skipped.calls = 0;
  r.robustness = {passed, failed, skipped};
  return r;
}

TEST(GemmRobustnessResults, RoundTripThroughJsonAndOldFilesStillRead) {
  const Int8Results in = sample();
  const Int8Results out = int8_from_json(nlohmann::json::parse(to_json(in).dump()), "x.json");
  ASSERT_EQ(out.robustness.size(), in.robustness.size());
  for (std::size_t i = 0; i < in.robustness.size(); ++i) {
    const GemmRobustness &a = out.robustness[i], &b = in.robustness[i];
    EXPECT_EQ(a.backend, b.backend);
    EXPECT_EQ(a.a_type, b.a_type);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.reason, b.reason);
    EXPECT_EQ(a.calls, b.calls);
    EXPECT_EQ(a.problems, b.problems);
    EXPECT_EQ(a.repro, b.repro);
    EXPECT_EQ(a.seconds, b.seconds);
  }
  nlohmann::json old = to_json(in);
  old.erase("robustness");
  EXPECT_TRUE(int8_from_json(old, "old.json").robustness.empty());
  nlohmann::json bad = to_json(in);
  bad["robustness"][1]["problems"][2] = 3;
  try {
    int8_from_json(bad, "x.json");
    ADD_FAILURE() << "a problem that is not a string was read";
  } catch (const std::exception& e) {
    EXPECT_STREQ(e.what(), "x.json: int8.robustness[1].problems[2]: expected a string");
  }
}

TEST(GemmRobustnessResults, AFailureFailsTheRun) {
  const Int8Results r = sample();
  EXPECT_EQ(r.robustness_failures(), 1u);
  EXPECT_EQ(r.undeclared_failures(), 1u);
}

TEST(GemmRobustnessResults, TheTerminalShowsALinePerBackendAndTheFirstProblems) {
  const std::string text = format_gemm_robustness(sample().robustness);
  EXPECT_EQ(text,
            "GEMM robustness  reference  passed (u8, 754 calls)\n"
            "GEMM robustness  bad<&>     FAILED (s8): ragged probe, shape 1x1:1x1 s8: wrote 4 bytes past the end of C <script>\n"
            "    ragged probe, shape 2x1:1x1 s8: wrote 4 bytes past the end of C <script>\n"
            "    ragged probe, shape 3x1:1x1 s8: wrote 4 bytes past the end of C <script>\n"
            "    ragged probe, shape 4x1:1x1 s8: wrote 4 bytes past the end of C <script>\n"
            "    ragged probe, shape 5x1:1x1 s8: wrote 4 bytes past the end of C <script>\n"
            "    ragged probe, shape 6x1:1x1 s8: wrote 4 bytes past the end of C <script>\n"
            "    ... and 2 more (--json, --junit, --html list them)\n"
            "GEMM robustness  gpu        skipped: no CUDA device\n");
  EXPECT_NE(format_int8_summary(sample()).find(text), std::string::npos);
}

TEST(GemmRobustnessResults, JUnitHasACasePerResultWithEveryProblem) {
  const Int8Results r = sample();
  const std::string xml = junit_document({}, "matmul", &r);
  EXPECT_NE(xml.find("<testcase classname=\"fpconform.int8.reference\" name=\"gemm robustness u8\" time=\"0.250\"/>"),
            std::string::npos) << xml;
  EXPECT_NE(xml.find("<testcase classname=\"fpconform.int8.bad&lt;&amp;&gt;\" name=\"gemm robustness s8\" "
                     "time=\"0.250\">\n      <failure message=\"ragged probe, shape 1x1:1x1 s8: wrote 4 bytes past the "
                     "end of C &lt;script&gt;\" type=\"robustness\">"),
            std::string::npos) << xml;
  EXPECT_NE(xml.find("ragged probe, shape 8x1:1x1 s8: wrote 4 bytes past the end of C &lt;script&gt;\nrepro: "),
            std::string::npos) << "every problem in the body";
  EXPECT_NE(xml.find("<skipped message=\"no CUDA device\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("failures=\"1\""), std::string::npos) << xml;
}

TEST(GemmRobustnessResults, HtmlHasASectionWithEveryProblemEscaped) {
  Report report;
  add_int8(report, sample());
  EXPECT_EQ(report.verdict, Verdict::deviates);
  EXPECT_NE(report.verdict_line.find("GEMM robustness: 1 of 3 results failed"), std::string::npos)
      << report.verdict_line;
  const std::string html = html_report(report);
  const std::size_t at = html.find("<section id=\"int8-robustness\">");
  ASSERT_NE(at, std::string::npos);
  const std::string section = html.substr(at, html.find("</section>", at) - at);
  EXPECT_EQ(section.find("<script>"), std::string::npos) << "an outside string escaped";
  EXPECT_NE(section.find("<tr data-row=\"bad&lt;&amp;&gt; s8\">"), std::string::npos) << section;
  EXPECT_NE(section.find("<td class=\"matrixcell failed\">failed</td>"), std::string::npos) << section;
  EXPECT_NE(section.find("bad&lt;&amp;&gt; s8: ragged probe, shape 8x1:1x1 s8: wrote 4 bytes past the end of C "
                         "&lt;script&gt;"),
            std::string::npos) << "every problem a line: " << section;
  EXPECT_NE(section.find("Skipped here: gpu: no CUDA device"), std::string::npos) << section;
}

}  // namespace
}  // namespace fpconform
