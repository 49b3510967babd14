// Robustness probes (checks/robustness.hpp): every built-in backend passes them for every
// (op, rounding) it implements; and deliberately broken backends, defined here, are each caught
// with the message that names their fault — proof that the probes can fail.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <thread>

#include "fpconform/backend.hpp"
#include "fpconform/container.hpp"
#include "oracles/softfloat/oracle.hpp"
#include "checks/robustness.hpp"
#include "suites/support/emulator.hpp"
#include "suites/support/pairs.hpp"
#include "suites/support/test_backends.hpp"
#include "suites/support/test_names.hpp"

namespace fpconform {

// How gtest shows a parameter: the backend's name, not its address (found by ADL).
[[maybe_unused]] static void PrintTo(const Backend* b, std::ostream* os) { *os << b->name(); }

namespace {

using namespace std::chrono_literals;

std::vector<Op> all_ops() {
  std::vector<Op> v;
  for (const OpInfo& i : kOps) v.push_back(i.op);
  return v;
}

std::string listing(const fpconform::Run& run) {
  std::string s = run.backend + " " + run.op + " " + run.rounding + ": " + std::string(name(run.status)) +
                  ", " + std::to_string(run.total) + " calls";
  for (const std::string& g : run.problems) s += "\n  " + g;
  return s;
}

std::string repro(const fpconform::Run& run) {
  return "fpconform check --robustness --backend " + run.backend + " --op " + run.op +
         " --rounding " + (run.rounding == "exact" ? std::string("rne") : run.rounding);
}

// ---------------------------------------------------------------------------------------------
// Every compiled-in backend but the reference that implements a conversion, named after it.

std::vector<const Backend*> under_test() {
  const auto not_reference = [](const Backend& b) { return b.kind() != BackendKind::reference; };
  std::vector<const Backend*> v;
  for (const Triple& t : implemented(all_pairs(), not_reference))
    if (v.empty() || v.back() != t.backend) v.push_back(t.backend);
  return v;
}

class BuiltIn : public ::testing::TestWithParam<const Backend*> {};

TEST_P(BuiltIn, PassesEveryProbe) {
  const Backend& b = *GetParam();
  if (const Availability a = b.available(); !a.ok) GTEST_SKIP() << b.name() << " unavailable: " << a.reason;
  RobustnessOptions o;
  // 20011 rather than the default 1000003: still odd, still a tail (107 words) past 64 lanes,
  // still 5 to 40 pages a buffer. The large buffers are most of the cost (fresh pages in a
  // forked child per probe family): portable's 189 (op, mode) took 13.6 s at 100003, 5.6 s here
  // (Zen 5); CI's ASan and qemu runs take about 2 and 3.5 times as long.
  o.large_length = 20011;
  const std::vector<fpconform::Run> runs = check_robustness(b, all_ops(), kRoundings, o);
  ASSERT_FALSE(runs.empty()) << b.name() << " implements a conversion but no probe ran";
  for (const fpconform::Run& run : runs) {
    EXPECT_EQ(run.status, Status::passed) << listing(run) << "\nrepro: " << repro(run);
    EXPECT_GT(run.total, 0u) << listing(run);
  }
}

std::string backend_test_name(const ::testing::TestParamInfo<const Backend*>& info) {
  return test_name(info.param->name());
}

INSTANTIATE_TEST_SUITE_P(Robustness, BuiltIn, ::testing::ValuesIn(under_test()), backend_test_name);

// ---------------------------------------------------------------------------------------------
// Deliberately broken backends. Each converts f32_to_f16 (rne) with the oracle, then does one
// thing wrong.

class Specimen : public Backend {
 public:
  std::string_view description() const override { return "test: robustness specimen"; }
  BackendKind kind() const override { return BackendKind::mutant; }
  bool implements(Op op, Rounding r) const override {
    return op == Op::f32_to_f16 && r == Rounding::rne;
  }

 protected:
  static std::uint16_t value(const void* in, std::size_t i) {
    return static_cast<std::uint16_t>(
        oracle::convert(Op::f32_to_f16, load_container(kBinary32, in, i), Rounding::rne).bits);
  }
  static void convert_right(const void* in, void* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) store_container(kBinary16, out, i, value(in, i));
  }
};

// Counts its calls: in this process only where the probes ran in this process.
class Clean : public Specimen {
 public:
  std::string_view name() const override { return "clean"; }
  void convert(Op, Rounding, const void* in, void* out, std::size_t n, Flags*) const override {
    calls.fetch_add(1);
    convert_right(in, out, n);
  }
  mutable std::atomic<std::uint64_t> calls{0};
};

class WritesOnePast : public Specimen {
 public:
  std::string_view name() const override { return "writes-one-past"; }
  void convert(Op, Rounding, const void* in, void* out, std::size_t n, Flags*) const override {
    convert_right(in, out, n);
    store_container(kBinary16, out, n, 0x7E00);
  }
};

class ReadsOnePast final : public Specimen {
 public:
  std::string_view name() const override { return "reads-one-past"; }
  void convert(Op, Rounding, const void* in, void* out, std::size_t n, Flags*) const override {
    [[maybe_unused]] const volatile std::uint32_t extra = load_container(kBinary32, in, n);
    convert_right(in, out, n);
  }
};

class WritesBefore final : public Specimen {
 public:
  std::string_view name() const override { return "writes-before"; }
  void convert(Op, Rounding, const void* in, void* out, std::size_t n, Flags*) const override {
    convert_right(in, out, n);
    store_container(kBinary16, static_cast<unsigned char*>(out) - 2, 0, 0);
  }
};

// Flips the sign of its middle input word after converting.
class Scribbles final : public Specimen {
 public:
  std::string_view name() const override { return "scribbles"; }
  void convert(Op, Rounding, const void* in, void* out, std::size_t n, Flags*) const override {
    convert_right(in, out, n);
    void* words = const_cast<void*>(in);
    if (n > 0) store_container(kBinary32, words, n / 2, load_container(kBinary32, in, n / 2) ^ 0x80000000u);
  }
};

// Right for whole groups of 8, the last n % 8 results off by one ulp: a botched SIMD tail.
class WrongTails : public Specimen {
 public:
  std::string_view name() const override { return "wrong-tails"; }
  void convert(Op, Rounding, const void* in, void* out, std::size_t n, Flags*) const override {
    convert_right(in, out, n);
    for (std::size_t i = n - n % 8; i < n; ++i)
      store_container(kBinary16, out, i, load_container(kBinary16, out, i) ^ 1);
  }
};

// Leaves its last result unwritten: whatever out held shows through.
class SkipsLast final : public Specimen {
 public:
  std::string_view name() const override { return "skips-last"; }
  void convert(Op, Rounding, const void* in, void* out, std::size_t n, Flags*) const override {
    if (n > 0) convert_right(in, out, n - 1);
  }
};

// Every other call flips its first result's low bit.
class Nondeterministic final : public Specimen {
 public:
  std::string_view name() const override { return "nondeterministic"; }
  void convert(Op, Rounding, const void* in, void* out, std::size_t n, Flags*) const override {
    convert_right(in, out, n);
    if (n > 0 && calls_.fetch_add(1) % 2 == 1)
      store_container(kBinary16, out, 0, load_container(kBinary16, out, 0) ^ 1);
  }

 private:
  mutable std::atomic<unsigned> calls_{0};
};

// Converts through one static scratch buffer, 256 words at a time: two threads at once trample
// each other's results. (Relaxed atomics: the race is in the logic, not undefined behaviour. The
// yield stands for the work a real kernel does between filling and reading its scratch: it lets
// the race show on a loaded machine where the two threads take turns on one core.)
class SharedScratch final : public Specimen {
 public:
  std::string_view name() const override { return "shared-scratch"; }
  void convert(Op, Rounding, const void* in, void* out, std::size_t n, Flags*) const override {
    static std::array<std::atomic<std::uint16_t>, 256> scratch;
    for (std::size_t at = 0; at < n; at += scratch.size()) {
      const std::size_t k = std::min(scratch.size(), n - at);
      for (std::size_t i = 0; i < k; ++i) scratch[i].store(value(in, at + i), std::memory_order_relaxed);
      std::this_thread::yield();
      for (std::size_t i = 0; i < k; ++i)
        store_container(kBinary16, out, at + i, scratch[i].load(std::memory_order_relaxed));
    }
  }
};

// The same, declared a device backend: probed in this process, not in a child.
template <class T>
class OnDevice final : public T {
 public:
  BackendKind kind() const override { return BackendKind::device; }
};

class Hangs final : public Specimen {
 public:
  std::string_view name() const override { return "hangs"; }
  void convert(Op, Rounding, const void*, void*, std::size_t, Flags*) const override {
    for (;;) std::this_thread::sleep_for(1s);
  }
};

class WildPointer final : public Specimen {
 public:
  std::string_view name() const override { return "wild-pointer"; }
  void convert(Op, Rounding, const void*, void*, std::size_t, Flags*) const override {
    static volatile std::uintptr_t address = 0x10;  // not null, so UBSan lets it fault
    *reinterpret_cast<volatile char*>(address) = 1;
  }
};

// Reports flags, and writes one flag past the end of the flags buffer.
class FlagsOnePast final : public Specimen {
 public:
  std::string_view name() const override { return "flags-one-past"; }
  bool reports_flags() const override { return true; }
  void convert(Op, Rounding, const void* in, void* out, std::size_t n, Flags* flags) const override {
    for (std::size_t i = 0; i < n; ++i) {
      const oracle::Result r = oracle::convert(Op::f32_to_f16, load_container(kBinary32, in, i), Rounding::rne);
      store_container(kBinary16, out, i, r.bits);
      flags[i] = r.flags;
    }
    flags[n] = 0;
  }
};

constexpr std::array kF32ToF16{Op::f32_to_f16};
constexpr std::array kRne{Rounding::rne};

// The single run of a specimen, large length 4099 (odd, 4099 % 64 = 3, two pages of f32).
fpconform::Run probe(const Backend& b, std::size_t large = 4099, std::chrono::milliseconds timeout = 60s) {
  const std::vector<fpconform::Run> runs = check_robustness(b, kF32ToF16, kRne, RobustnessOptions{large, timeout});
  EXPECT_EQ(runs.size(), 1u);
  return runs.empty() ? fpconform::Run{} : runs.front();
}

// Whether some problem listed starts with `context` and contains `text`.
bool found(const fpconform::Run& run, std::string_view context, std::string_view text) {
  return std::any_of(run.problems.begin(), run.problems.end(), [&](const std::string& g) {
    return g.starts_with(context) && g.find(text) != std::string::npos;
  });
}

std::string hex32(std::uint32_t v) {
  char s[16];
  std::snprintf(s, sizeof s, "0x%08X", v);
  return s;
}

TEST(Probes, ACleanBackendPassesWithEveryCallCounted) {
  const Clean clean;
  const fpconform::Run run = probe(clean);
  EXPECT_EQ(run.status, Status::passed) << listing(run);
  EXPECT_TRUE(run.problems.empty()) << listing(run);
  EXPECT_EQ(run.inputs, "robustness");
  // lengths: the large call, 0..67, the tail window; misalignment: 4 lengths x 4 x 4 offsets;
  // determinism: 3 lengths twice; two threads: one call, then 3 rounds of 2.
  EXPECT_EQ(run.total, (1 + 68 + 1) + 4 * 16 + 3 * 2 + (1 + 3 * 2)) << listing(run);
  EXPECT_EQ(clean.calls.load(), 0u) << "every call was made in a child process";
}

TEST(Probes, AWriteOnePastTheEndHitsTheGuardPage) {
  const fpconform::Run run = probe(WritesOnePast{});
  EXPECT_EQ(run.status, Status::failed);
  EXPECT_EQ(run.reason, "lengths probe, length 4099: wrote past the end of out (guard page hit at "
                        "end+0: killed by signal 11 (SIGSEGV: Segmentation fault))") << listing(run);
  // Where out ends short of the page (misaligned), the canaries between catch it instead.
  EXPECT_TRUE(found(run, "misalignment probe, length 1, in offset 0, out offset 0:",
                    ": wrote 2 bytes past the end of out")) << listing(run);
  EXPECT_TRUE(found(run, "two-threads probe, length 4099, one thread:",
                    "wrote past the end of out (guard page hit at end+0")) << listing(run);
}

TEST(Probes, AFaultElsewhereIsNamedWithItsAddress) {
  const fpconform::Run run = probe(WildPointer{});
  EXPECT_EQ(run.reason, "lengths probe, length 4099: faulted at address 0x10, outside every probe "
                        "buffer (killed by signal 11 (SIGSEGV: Segmentation fault))") << listing(run);
}

TEST(Probes, AReadOnePastTheEndOfInIsARead) {
  const fpconform::Run run = probe(ReadsOnePast{});
  EXPECT_EQ(run.status, Status::failed);
  EXPECT_EQ(run.reason, "lengths probe, length 4099: read past the end of in (guard page hit at "
                        "end+0: killed by signal 11 (SIGSEGV: Segmentation fault))") << listing(run);
}

TEST(Probes, AWriteBeforeTheStartTripsTheCanaries) {
  const fpconform::Run run = probe(WritesBefore{});
  EXPECT_EQ(run.status, Status::failed);
  EXPECT_EQ(run.reason, "lengths probe, length 4099: wrote 2 bytes before the start of out")
      << listing(run);
  EXPECT_TRUE(found(run, "misalignment probe, length 1, in offset 0, out offset 3:",
                    "wrote 2 bytes before the start of out")) << listing(run);
}

TEST(Probes, ScribblingOnTheInputIsNamedWithTheWords) {
  const fpconform::Run run = probe(Scribbles{});
  EXPECT_EQ(run.status, Status::failed);
  const Word was = robustness_inputs(Op::f32_to_f16, 4099)[2049];
  EXPECT_EQ(run.reason, "lengths probe, length 4099: modified its input at element 2049: " +
                            hex32(was) + " became " + hex32(was ^ 0x80000000u)) << listing(run);
  EXPECT_TRUE(found(run, "two-threads probe, length 4099, one thread:",
                    "modified its input at element 2049")) << listing(run);
}

TEST(Probes, AWrongTailDiffersFromTheLongerBatch) {
  const fpconform::Run run = probe(WrongTails{});
  EXPECT_EQ(run.status, Status::failed);
  const std::vector<Word> in = robustness_inputs(Op::f32_to_f16, 4099);
  const auto f16 = [&](std::size_t i) {
    char s[16];
    std::snprintf(s, sizeof s, "0x%04X", oracle::convert(Op::f32_to_f16, in[i], Rounding::rne).bits);
    return std::string(s);
  };
  const auto f16_wrong = [&](std::size_t i) {
    char s[16];
    std::snprintf(s, sizeof s, "0x%04X", oracle::convert(Op::f32_to_f16, in[i], Rounding::rne).bits ^ 1);
    return std::string(s);
  };
  // The large call's own tail (4096..4098) against the same words in a batch of 128.
  EXPECT_EQ(run.reason, "lengths probe, length 4099: element 4096 (input " + hex32(in[4096]) +
                            ") differs from the same input converted in a batch of 128 where it "
                            "is in no tail: got " + f16_wrong(4096) + ", expected " + f16(4096) +
                            " (3 of 67 elements differ)") << listing(run);
  EXPECT_TRUE(found(run, "lengths probe, length 1: element 0 (input " + hex32(in[0]) + ")",
                    "differs from the same input converted in a batch of 4099: got " + f16_wrong(0) +
                        ", expected " + f16(0) + " (1 of 1 elements differ)")) << listing(run);
  // Lengths 8, 16, ... have no tail.
  EXPECT_FALSE(found(run, "lengths probe, length 8:", "")) << listing(run);
}

TEST(Probes, AnUnwrittenElementShows) {
  const fpconform::Run run = probe(SkipsLast{});
  EXPECT_EQ(run.status, Status::failed);
  EXPECT_TRUE(found(run, "lengths probe, length 1: element 0 (input ", ": got 0xA5A5, expected 0x"))
      << listing(run);
}

TEST(Probes, NondeterminismIsCaught) {
  const fpconform::Run run = probe(Nondeterministic{});
  EXPECT_EQ(run.status, Status::failed);
  EXPECT_TRUE(found(run, "determinism probe, length 1, second call: element 0 (input ",
                    "differs from the first of two identical calls")) << listing(run);
}

TEST(Probes, AStaticScratchBufferFailsTwoThreads) {
  // Long enough that the two threads overlap for a while, whatever the scheduler does.
  const fpconform::Run run = probe(SharedScratch{}, 100003);
  EXPECT_EQ(run.status, Status::failed);
  EXPECT_TRUE(found(run, "two-threads probe, length 100003, round ", "differs from the single-thread result"))
      << listing(run);
  for (const std::string& g : run.problems)  // one thread at a time, it is right
    EXPECT_TRUE(g.starts_with("two-threads probe") || g.starts_with("...")) << g;
}

TEST(Probes, ADeviceBackendIsProbedInProcess) {
  const OnDevice<Clean> device;
  const fpconform::Run clean = probe(device);
  EXPECT_EQ(clean.status, Status::passed) << listing(clean);
  EXPECT_EQ(clean.total, 147u) << listing(clean);
  EXPECT_EQ(device.calls.load(), 147u) << "the calls were made in this process";
  const fpconform::Run tails = probe(OnDevice<WrongTails>{});
  EXPECT_EQ(tails.status, Status::failed);
  EXPECT_TRUE(found(tails, "lengths probe, length 1: element 0 (input ", "in a batch of 4099"))
      << listing(tails);
}

// In process, a guard page hit ends the process; the handler says where first.
TEST(ProbesDeathTest, ADeviceBackendsFaultIsNamedOnStderr) {
  // "threadsafe" re-executes this program, which qemu-user cannot do (the cross build's runner
  // sets FPCONFORM_EMULATOR): there, fork only.
  GTEST_FLAG_SET(death_test_style, emulator() ? "fast" : "threadsafe");
  EXPECT_DEATH(probe(OnDevice<WritesOnePast>{}),
               "fpconform robustness: lengths probe, length 4099: wrote past the end of out "
               "\\(guard page hit at end\\+0\\)");
}

TEST(Probes, AHangIsReportedWithTheCallInProgress) {
  const fpconform::Run run = probe(Hangs{}, 4099, 300ms);
  EXPECT_EQ(run.status, Status::failed);
  EXPECT_EQ(run.problems, (std::vector<std::string>{
                          "lengths probe, length 4099: timed out after 0.300 s (killed)",
                          "misalignment, determinism and two-threads probes not run: the lengths "
                          "probe hung"})) << listing(run);
  EXPECT_EQ(run.total, 1u) << "one call started, then no more";
}

TEST(Probes, FlagsAreFencedToo) {
  const fpconform::Run run = probe(FlagsOnePast{});
  EXPECT_EQ(run.status, Status::failed);
  EXPECT_TRUE(run.flags_compared);
  EXPECT_EQ(run.reason, "lengths probe, length 4099: wrote past the end of flags (guard page hit at "
                        "end+0: killed by signal 11 (SIGSEGV: Segmentation fault))") << listing(run);
}

// The oracle reports flags and is right by definition: the flags path raises no false alarm.
TEST(Probes, TheOracleWithFlagsPasses) {
  const Backend* oracle = find_backend("oracle");
  ASSERT_NE(oracle, nullptr);
  const std::array ops{Op::e4m3_to_f32, Op::f32_to_e5m2};
  const std::vector<fpconform::Run> runs = check_robustness(*oracle, ops, kRoundings, {4099, 60s});
  ASSERT_EQ(runs.size(), 1u + 5u);  // the widening op once, as "exact"
  EXPECT_EQ(runs[0].rounding, "exact");
  for (const fpconform::Run& run : runs) {
    EXPECT_EQ(run.status, Status::passed) << listing(run);
    EXPECT_TRUE(run.flags_compared);
  }
}

TEST(Probes, UnimplementedPairsAreLeftOutAndUnavailableIsSkipped) {
  EXPECT_TRUE(check_robustness(Clean{}, std::array{Op::f32_to_bf16}, kRoundings).empty());
  const std::vector<fpconform::Run> runs =
      check_robustness(testing_backends::Unavailable{}, kF32ToF16, std::array{Rounding::rne, Rounding::rtz});
  ASSERT_EQ(runs.size(), 2u);
  for (const fpconform::Run& run : runs) {
    EXPECT_EQ(run.status, Status::skipped);
    EXPECT_EQ(run.reason, "no such hardware");
    EXPECT_EQ(run.total, 0u);
  }
}

TEST(Probes, TheInputsMixInSpecials) {
  const std::vector<Word> in = robustness_inputs(Op::f32_to_f16, 4096);
  const auto count = [&](auto pred) { return std::count_if(in.begin(), in.end(), pred); };
  EXPECT_GT(count([](std::uint32_t x) { return (x & 0x7FFFFFFF) == 0; }), 100);
  EXPECT_GT(count([](std::uint32_t x) { return (x & 0x7F800000) == 0 && (x & 0x7FFFFF); }), 100);
  EXPECT_GT(count([](std::uint32_t x) { return (x & 0x7FFFFFFF) == 0x7F800000; }), 100);
  EXPECT_GT(count([](std::uint32_t x) { return (x & 0x7F800000) == 0x7F800000 && (x & 0x7FFFFF); }), 100);
  EXPECT_EQ(in, robustness_inputs(Op::f32_to_f16, 4096)) << "the pattern is fixed";
}

}  // namespace
}  // namespace fpconform
