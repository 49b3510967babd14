// The floating-point environment around the built-in backends, in this process: the control
// register (MXCSR, FPCR) is the architecture's default once every linked peer library is loaded,
// and no conversion or GEMM call of any available backend leaves it changed. Plug-ins are checked
// the same way in their subject process (plugins/subject.hpp); here the peers are.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fpconform/backend.hpp"
#include "fpconform/container.hpp"
#include "fpconform/int8_backend.hpp"
#include "checks/robustness.hpp"
#include "platform/fenv.hpp"

namespace fpconform {
namespace {

FpControl architecture_default() {
#if defined(__x86_64__)
  return {true, 0x1F80};  // all exceptions masked, round to nearest, no FTZ or DAZ
#elif defined(__aarch64__)
  return {true, 0};
#else
  return {};
#endif
}

TEST(FpEnvironment, IsTheDefaultWithEveryPeerLoaded) {
  const FpControl now = read_fp_control();
  if (!now.known) GTEST_SKIP() << "no reader of the floating-point control register on this target";
  EXPECT_EQ(describe_fp_control_change(architecture_default(), now), "");
}

// The check above can fail: a change made here is seen and named.
TEST(FpEnvironment, AChangeIsSeenAndNamed) {
  const FpControl before = read_fp_control();
  if (!before.known) GTEST_SKIP() << "no reader of the floating-point control register on this target";
#if defined(__x86_64__)
  write_fp_control({true, before.value | 0x8040u});
  const std::string want = "FTZ (bit 15) set, DAZ (bit 6) set";
#else
  write_fp_control({true, before.value | (1u << 24)});
  const std::string want = "FZ (bit 24) set";
#endif
  const FpControl after = read_fp_control();
  write_fp_control(before);
  EXPECT_EQ(read_fp_control().value, before.value);
  const std::string said = describe_fp_control_change(before, after);
  EXPECT_TRUE(said.ends_with(": " + want)) << said;
}

TEST(FpEnvironment, NoConversionCallLeavesItChanged) {
  if (!read_fp_control().known) GTEST_SKIP() << "no reader of the floating-point control register on this target";
  std::vector<std::string> changed;
  int calls = 0;
  for (const Backend* b : backends()) {
    if (!b->available().ok || b->kind() == BackendKind::plugin) continue;
    for (const OpInfo& i : kOps)
      for (const Rounding r : kRoundings) {
        if (is_widening(i.op) && r != Rounding::rne) continue;
        if (!b->implements(i.op, r)) continue;
        const std::vector<Word> words = robustness_inputs(i.op, 1000);
        const int bits = input_bits(i.op);
        std::vector<unsigned char> in(words.size() * word_bytes(bits)), out(words.size() * 4);
        for (std::size_t k = 0; k < words.size(); ++k) store_word(bits, in.data(), k, words[k]);
        std::vector<Flags> flags(words.size());
        const FpControl before = read_fp_control();
        b->convert(i.op, r, in.data(), out.data(), words.size(), b->reports_flags() ? flags.data() : nullptr);
        const FpControl after = read_fp_control();
        ++calls;
        if (const std::string c = describe_fp_control_change(before, after); !c.empty()) {
          changed.push_back(std::string(b->name()) + " " + std::string(name(i.op)) + " " +
                            std::string(name(r)) + ": " + c);
          write_fp_control(before);
        }
      }
  }
  EXPECT_GT(calls, 0);
  EXPECT_TRUE(changed.empty()) << changed.size() << " calls changed it, the first: " << changed.front();
}

TEST(FpEnvironment, NoGemmCallLeavesItChanged) {
  if (!read_fp_control().known) GTEST_SKIP() << "no reader of the floating-point control register on this target";
  std::vector<std::string> changed;
  const GemmShape shape{17, 33, 65};
  std::vector<std::int8_t> a(std::size_t(shape.m) * shape.k, 3), b(std::size_t(shape.k) * shape.n, -5);
  std::vector<std::int32_t> c(std::size_t(shape.m) * shape.n);
  for (const Int8Backend* g : int8_backends()) {
    if (!g->available().ok || g->kind() == BackendKind::plugin) continue;
    for (const IntType t : {IntType::s8, IntType::u8}) {
      if (!g->multiplies(t)) continue;
      const FpControl before = read_fp_control();
      g->prepare(shape, t, b.data())->run(a.data(), c.data(), 1);
      const FpControl after = read_fp_control();
      if (const std::string d = describe_fp_control_change(before, after); !d.empty()) {
        changed.push_back(std::string(g->name()) + ": " + d);
        write_fp_control(before);
      }
    }
  }
  EXPECT_TRUE(changed.empty()) << changed.size() << " GEMMs changed it, the first: " << changed.front();
}

}  // namespace
}  // namespace fpconform
