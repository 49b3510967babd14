// The order inputs go to a backend in: seeded, the same for the same seed on any number of
// threads, and of no use to a backend that recognises a sweep by consecutive inputs. A backend
// that throws stops compare() with its exception.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "fpconform/container.hpp"
#include "checks/compare.hpp"
#include "checks/shuffle.hpp"
#include "checks/sweep.hpp"
#include "reports/result_json.hpp"
#include "suites/support/test_backends.hpp"

namespace fpconform {
namespace {

using testing_backends::Scrambling;
using testing_backends::Truncating;

const Backend& portable() { return *find_backend("portable"); }

// f32_to_f16 rne by the portable backend; what it is handed is up to the subclass.
class Binary32ToHalf : public Backend {
 public:
  std::string_view description() const override { return "test"; }
  BackendKind kind() const override { return BackendKind::mutant; }
  bool implements(Op op, Rounding r) const override {
    return op == Op::f32_to_f16 && r == Rounding::rne;
  }
};

// Keeps every call's inputs.
class Recording final : public Binary32ToHalf {
 public:
  std::string_view name() const override { return "recording"; }
  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n, Flags* f) const override {
    const auto* x = static_cast<const std::uint32_t*>(in);
    {
      const std::lock_guard lock(m_);
      calls_.emplace_back(x, x + n);
    }
    portable().convert(op, r, in, out, n, f);
  }
  const std::vector<std::vector<std::uint32_t>>& calls() const { return calls_; }  // once done

 private:
  mutable std::mutex m_;
  mutable std::vector<std::vector<std::uint32_t>> calls_;
};

// Right only on a call of consecutive ascending inputs, as a sweep used to hand them: a subject
// that behaves only when it believes it is not being swept.
class SweepSpotting final : public Binary32ToHalf {
 public:
  std::string_view name() const override { return "sweep-spotting"; }
  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n, Flags* f) const override {
    const auto* x = static_cast<const std::uint32_t*>(in);
    portable().convert(op, r, in, out, n, f);
    bool consecutive = true;
    for (std::size_t k = 1; k < n; ++k) consecutive &= x[k] == x[k - 1] + 1;
    if (!consecutive) store_container(kBinary16, out, 0, load_container(kBinary16, out, 0) ^ 1);
  }
};

// Throws on its third call, as a proxy whose subject process crashed does.
class Throwing final : public Binary32ToHalf {
 public:
  std::string_view name() const override { return "throwing"; }
  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n, Flags* f) const override {
    {
      const std::lock_guard lock(m_);
      if (++calls_ == 3) throw std::runtime_error("subject process crashed");
    }
    portable().convert(op, r, in, out, n, f);
  }

 private:
  mutable std::mutex m_;
  mutable int calls_ = 0;
};

// Every field of the run but seconds, as the results file has them.
nlohmann::json without_seconds(const fpconform::Run& run) {
  nlohmann::json j = to_json(run);
  j.erase("seconds");
  return j;
}

// Inputs [first, first + blocks 2^16) of f32_to_f16 rne, swept.
fpconform::Run swept(const Backend& b, std::uint64_t first, std::uint64_t blocks, std::uint64_t seed,
                     unsigned threads, std::size_t max_examples = 10) {
  SweepOptions so;
  so.first = first;
  so.last = first + (blocks << 16);
  so.seed = seed;
  so.threads = threads;
  so.max_examples = max_examples;
  const SweepJob job{&b, Op::f32_to_f16, Rounding::rne};
  return sweep(std::span(&job, 1), so).at(0);
}

fpconform::Run compared(const Backend& b, const InputSet& inputs, std::uint64_t seed, unsigned threads,
                        std::size_t block_size = 1000) {
  CompareOptions o;
  o.seed = seed;
  o.threads = threads;
  o.block_size = block_size;
  o.max_examples = 3;
  return compare(b, Op::f32_to_f16, Rounding::rne, inputs, o);
}

InputSet consecutive(std::uint32_t first, std::uint32_t n) {
  InputSpec values;
  values.kind = InputSpec::Kind::values;
  values.values.resize(n);
  std::iota(values.values.begin(), values.values.end(), first);
  return InputSet(Op::f32_to_f16, values);
}

TEST(Order, TheSameSeedGivesTheSameCompareRunOnAnyThreads) {
  const InputSet inputs(Op::f32_to_f16, *InputSpec::parse("random:50000:3"));
  const Truncating t;
  const fpconform::Run one = compared(t, inputs, 7, 1);
  ASSERT_GT(one.mismatches, 100u);
  EXPECT_EQ(one.seed, 7u);
  EXPECT_EQ(without_seconds(one), without_seconds(compared(t, inputs, 7, 2)));
  EXPECT_EQ(without_seconds(one), without_seconds(compared(t, inputs, 7, 1)));
  // Another order finds the same: only the seed differs.
  fpconform::Run other = compared(t, inputs, 8, 2);
  EXPECT_EQ(other.seed, 8u);
  other.seed = 7;
  EXPECT_EQ(without_seconds(one), without_seconds(other));
}

TEST(Order, TheSameSeedGivesTheSameSweepRunOnAnyThreads) {
  // 24 blocks of binary32 normals, where the scrambling backend misses in every kind: with 3
  // examples a kind, which ones are kept depends on the order unless the lowest are.
  const Scrambling s;
  const fpconform::Run one = swept(s, 0x3F000000, 24, 11, 1, 3);
  ASSERT_GT(one.mismatches, 1000u);
  EXPECT_EQ(one.seed, 11u);
  EXPECT_EQ(without_seconds(one), without_seconds(swept(s, 0x3F000000, 24, 11, 2, 3)));
  fpconform::Run other = swept(s, 0x3F000000, 24, 12, 2, 3);
  other.seed = 11;
  EXPECT_EQ(without_seconds(one), without_seconds(other));
}

// Sorted by the first input, the calls of a run: what was handed over, whoever handed it.
std::vector<std::vector<std::uint32_t>> by_first_input(std::vector<std::vector<std::uint32_t>> calls) {
  std::sort(calls.begin(), calls.end());
  return calls;
}

TEST(Order, ASweepHandsEachBlockShuffledInASeededOrder) {
  constexpr std::uint64_t kFirst = 0x3F800000, kBlocks = 16;
  Recording a, b, a2;
  EXPECT_EQ(swept(a, kFirst, kBlocks, 1, 1).status, Status::passed);
  EXPECT_EQ(swept(b, kFirst, kBlocks, 2, 1).status, Status::passed);
  EXPECT_EQ(swept(a2, kFirst, kBlocks, 1, 2).status, Status::passed);
  ASSERT_EQ(a.calls().size(), kBlocks);
  EXPECT_NE(a.calls(), b.calls()) << "two seeds, one order";
  std::vector<std::uint32_t> block_order_a, block_order_b;
  for (std::size_t i = 0; i < kBlocks; ++i) {
    block_order_a.push_back(*std::min_element(a.calls()[i].begin(), a.calls()[i].end()));
    block_order_b.push_back(*std::min_element(b.calls()[i].begin(), b.calls()[i].end()));
  }
  EXPECT_FALSE(std::is_sorted(block_order_a.begin(), block_order_a.end()));
  EXPECT_NE(block_order_a, block_order_b);
  for (const std::vector<std::uint32_t>& call : a.calls()) {
    EXPECT_FALSE(std::is_sorted(call.begin(), call.end()));
    std::vector<std::uint32_t> sorted = call, block(1 << 16);
    std::sort(sorted.begin(), sorted.end());
    std::iota(block.begin(), block.end(), sorted.front());
    EXPECT_EQ(sorted, block) << "a call holds one block, each input once";
    EXPECT_EQ(sorted.front() % (1 << 16), 0u);
  }
  // The same seed on two threads: the same calls, whichever thread made them.
  EXPECT_EQ(by_first_input(a.calls()), by_first_input(a2.calls()));
}

TEST(Order, CompareHandsTheInputSetShuffledInASeededOrder) {
  const InputSet inputs(Op::f32_to_f16, *InputSpec::parse("random:5000:1"));
  Recording a, b;
  EXPECT_EQ(compared(a, inputs, 1, 2).status, Status::passed);
  EXPECT_EQ(compared(b, inputs, 2, 2).status, Status::passed);
  ASSERT_EQ(a.calls().size(), 5u);
  EXPECT_NE(by_first_input(a.calls()), by_first_input(b.calls()));
  std::vector<Word> handed, given(inputs.size());
  for (const auto& call : a.calls()) handed.insert(handed.end(), call.begin(), call.end());
  inputs.fill(0, given);
  std::vector<Word> sorted_handed = handed, sorted_given = given;
  std::sort(sorted_handed.begin(), sorted_handed.end());
  std::sort(sorted_given.begin(), sorted_given.end());
  EXPECT_EQ(sorted_handed, sorted_given) << "every input handed over once";
  EXPECT_NE(handed, given) << "handed over in the set's own order";
  // A set of consecutive values, as a value list or the 2^16 inputs of a 16-bit source, comes
  // shuffled too.
  Recording c;
  compared(c, consecutive(0x3F800000, 4096), 3, 1, 4096);
  ASSERT_EQ(c.calls().size(), 1u);
  EXPECT_FALSE(std::is_sorted(c.calls()[0].begin(), c.calls()[0].end()));
}

TEST(Order, ABackendRightOnlyOnConsecutiveInputsIsCaught) {
  const SweepSpotting spotting;
  // What the sweep handed over before it shuffled (one block of consecutive inputs) gets the
  // right answers: such a backend passed every sweep.
  std::vector<std::uint32_t> block(1 << 16);
  std::iota(block.begin(), block.end(), 0x3F800000u);
  std::vector<std::uint16_t> got(block.size()), want(block.size());
  spotting.convert(Op::f32_to_f16, Rounding::rne, block.data(), got.data(), block.size(), nullptr);
  portable().convert(Op::f32_to_f16, Rounding::rne, block.data(), want.data(), block.size(), nullptr);
  ASSERT_EQ(got, want);

  const fpconform::Run s = swept(spotting, 0x3F800000, 4, 5, 2);
  EXPECT_EQ(s.status, Status::failed);
  EXPECT_EQ(s.mismatches, 4u);  // one per call
  EXPECT_EQ(compared(spotting, consecutive(0x3F800000, 10000), 5, 2).status, Status::failed);
}

TEST(Order, AnExceptionFromConvertIsRethrownByCompare) {
  const Throwing throwing;
  const InputSet inputs(Op::f32_to_f16, *InputSpec::parse("random:20000:1"));
  for (unsigned threads : {1u, 2u}) {
    const Throwing fresh;
    try {
      compared(fresh, inputs, 1, threads);
      ADD_FAILURE() << "no exception on " << threads << " threads";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "subject process crashed");
    }
  }
  EXPECT_THROW(swept(throwing, 0x3F800000, 4, 1, 2), std::runtime_error);
}

// One seed, one order, on every standard library and every version: results name their seed.
TEST(Order, OrdersArePinned) {
  std::vector<int> v(10);
  std::iota(v.begin(), v.end(), 0);
  seeded_shuffle(std::span(v), 42);
  EXPECT_EQ(v, (std::vector<int>{8, 3, 6, 5, 4, 0, 9, 2, 1, 7}));
  std::vector<std::uint32_t> block(1 << 16), small(1000);
  keyed_order(42, block, 0x3F800000u);
  keyed_order(42, small);
  EXPECT_EQ(std::vector<std::uint32_t>(block.begin(), block.begin() + 4),
            (std::vector<std::uint32_t>{0x3F805AB2, 0x3F802070, 0x3F806A0E, 0x3F80C16A}));
  EXPECT_EQ(std::vector<std::uint32_t>(small.begin(), small.begin() + 4),
            (std::vector<std::uint32_t>{308, 80, 197, 367}));
  EXPECT_EQ(stream_seed(42, 7), 7974615062405353404u);
}

TEST(Order, KeyedOrdersArePermutations) {
  for (std::size_t n : {0u, 1u, 2u, 3u, 7u, 1000u, 4096u, 65535u, 65536u, 65537u, 300000u}) {
    std::vector<std::uint32_t> p(n);
    keyed_order(n * 31 + 1, p, 5);
    std::vector<std::uint32_t> sorted = p, want(n);
    std::sort(sorted.begin(), sorted.end());
    std::iota(want.begin(), want.end(), 5u);
    EXPECT_EQ(sorted, want) << n;
  }
}

}  // namespace
}  // namespace fpconform
