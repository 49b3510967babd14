// FPCONFORM_DISABLE's list (names, prefixes, spaces, empty items) and the reasons require_cpu gives.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "platform/cpu.hpp"

namespace fpconform {
namespace {

TEST(FeatureDisabled, ExactNames) {
  EXPECT_TRUE(feature_disabled("f16c", "f16c"));
  EXPECT_TRUE(feature_disabled("avx2", "f16c,avx2"));
  EXPECT_FALSE(feature_disabled("f16c", "avx2"));
  EXPECT_FALSE(feature_disabled("fma", "f16c,avx2"));
}

TEST(FeatureDisabled, ListedNameIsAPrefixOfTheFeature) {
  EXPECT_TRUE(feature_disabled("avx512f", "avx512"));
  EXPECT_TRUE(feature_disabled("avx512bf16", "avx512"));
  EXPECT_TRUE(feature_disabled("avx2", "avx"));  // documented: "avx" turns off every avx*
  // Only that way round: a longer listed name does not disable a shorter feature.
  EXPECT_FALSE(feature_disabled("avx", "avx2"));
  EXPECT_FALSE(feature_disabled("avx512f", "avx512bf16"));
  EXPECT_FALSE(feature_disabled("f16c", "16c"));  // a prefix, not a substring
}

TEST(FeatureDisabled, SpacesAroundItemsAreIgnored) {
  EXPECT_TRUE(feature_disabled("f16c", " f16c "));
  EXPECT_TRUE(feature_disabled("f16c", "avx512 , f16c"));
  EXPECT_TRUE(feature_disabled("avx2", "f16c,  avx2"));
  EXPECT_FALSE(feature_disabled("f16c", "f 16c"));
}

TEST(FeatureDisabled, EmptyItemsDisableNothing) {
  // An empty name is a prefix of every feature: it must be skipped, not match everything.
  EXPECT_FALSE(feature_disabled("f16c", ""));
  EXPECT_FALSE(feature_disabled("f16c", ","));
  EXPECT_FALSE(feature_disabled("f16c", ",,"));
  EXPECT_FALSE(feature_disabled("f16c", " , "));
  EXPECT_FALSE(feature_disabled("f16c", "avx512,"));
  EXPECT_TRUE(feature_disabled("f16c", ",f16c,"));
  EXPECT_TRUE(feature_disabled("f16c", ",, f16c"));
}

// Sets FPCONFORM_DISABLE for one test and puts the previous value back.
class WithDisableList : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* v = std::getenv("FPCONFORM_DISABLE")) saved_ = v;
  }
  void TearDown() override {
    if (saved_) setenv("FPCONFORM_DISABLE", saved_->c_str(), 1);
    else unsetenv("FPCONFORM_DISABLE");
  }
  static void disable(const char* list) { setenv("FPCONFORM_DISABLE", list, 1); }
  static void enable_all() { unsetenv("FPCONFORM_DISABLE"); }

 private:
  std::optional<std::string> saved_;
};

TEST_F(WithDisableList, ReadsTheEnvironment) {
  disable("f16c");
  EXPECT_TRUE(feature_disabled("f16c"));
  EXPECT_FALSE(feature_disabled("avx2"));
  enable_all();
  EXPECT_FALSE(feature_disabled("f16c"));
}

TEST_F(WithDisableList, RequireCpuGivesTheDisabledReason) {
  disable("f16c");
  const Availability a = require_cpu({"avx2", "f16c"});
  EXPECT_FALSE(a.ok);
  EXPECT_EQ(a.reason, "f16c disabled by FPCONFORM_DISABLE");
}

TEST_F(WithDisableList, PrefixNamesTheFeatureThatIsOff) {
  disable("avx512");
  EXPECT_EQ(require_cpu({"avx512f", "avx512bf16"}).reason, "avx512f disabled by FPCONFORM_DISABLE");
}

TEST_F(WithDisableList, DisabledWinsOverMissingWhateverTheCpu) {
  disable("f16c");
  // "no-such-feature" is never reported; the disabled feature is still the reason given.
  EXPECT_EQ(require_cpu({"no-such-feature", "f16c"}).reason,
            "f16c disabled by FPCONFORM_DISABLE");
}

TEST_F(WithDisableList, MissingFeatureIsNamed) {
  enable_all();
  const Availability a = require_cpu({"no-such-feature"});
  EXPECT_FALSE(a.ok);
  EXPECT_EQ(a.reason, "CPU lacks no-such-feature");
}

TEST_F(WithDisableList, OkExactlyWhenTheCpuReportsIt) {
  enable_all();
  for (const char* f : {"avx2", "f16c", "avx512f", "avx512bf16"}) {
    const Availability a = require_cpu({f});
    EXPECT_EQ(a.ok, cpu_reports(f)) << f;
    EXPECT_EQ(a.reason, a.ok ? "" : "CPU lacks " + std::string(f)) << f;
  }
}

#if defined(__linux__) && (defined(__x86_64__) || defined(__i386__))
// An independent witness: the kernel's flags (which it clears when the OS does not save the
// registers) against cpu_reports' CPUID reading. Names differ in spelling only.
TEST(CpuReports, AgreesWithProcCpuinfo) {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line) && line.rfind("flags", 0) != 0) {
  }
  if (line.empty()) GTEST_SKIP() << "/proc/cpuinfo has no flags line";
  const std::string flags = line.substr(line.find(':') + 1) + " ";
  const auto kernel_has = [&](const std::string& f) { return flags.find(" " + f + " ") != std::string::npos; };
  for (const auto& [ours, kernels] : {std::pair{"sse4.2", "sse4_2"}, {"avx", "avx"}, {"avx2", "avx2"},
                                      {"fma", "fma"}, {"f16c", "f16c"}, {"avx512f", "avx512f"},
                                      {"avx512bw", "avx512bw"}, {"avx512vl", "avx512vl"},
                                      {"avx512dq", "avx512dq"}, {"avx512vnni", "avx512_vnni"},
                                      {"avx512bf16", "avx512_bf16"}})
    EXPECT_EQ(cpu_reports(ours), kernel_has(kernels)) << ours << " (/proc/cpuinfo: " << kernels << ")";
}
#endif

}  // namespace
}  // namespace fpconform
