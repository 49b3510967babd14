// Recording a unit's answers and replaying them: the replay is the unit, call for call, so the
// probes infer the same model from it and the check finds the same differences; a call that was
// not recorded, or a damaged file, is refused with the file and line named.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "checks/dot/probe.hpp"
#include "checks/dot/record.hpp"
#include "checks/dot/unit_check.hpp"
#include "fpconform/error.hpp"

namespace fpconform {
namespace {

std::string temp_path(const char* name) { return ::testing::TempDir() + name; }

const DotBackend& unit(std::string_view name) {
  const DotBackend* b = find_dot_backend(name);
  if (b == nullptr) throw std::logic_error(std::string(name) + " is not compiled in");
  return *b;
}

TEST(DotRecord, TheReplayIsTheUnitCallForCall) {
  const std::string path = temp_path("v100.rec");
  const DotCheckOptions plan{48, 2000, 7, -1};
  DotUnitResult recorded;
  {
    DotRecording rec(path, "a test machine");
    const auto recorder = rec.wrap(unit("twin-tensor-core-v100"));
    recorded = check_dot_unit(*recorder, kBinary16, plan);
  }
  ASSERT_EQ(register_dot_recording(path), 1);
  const DotBackend& replay = unit("twin-tensor-core-v100:recorded");
  EXPECT_TRUE(replay.takes(kBinary16));
  EXPECT_FALSE(replay.takes(kBfloat16));  // only binary16 was recorded
  EXPECT_NE(std::string(replay.description()).find("a test machine"), std::string::npos);
  EXPECT_EQ(replay.declared_model(), "tensor-core-v100");  // what the recorded unit declared
  const DotUnitResult replayed = check_dot_unit(replay, kBinary16, plan);
  EXPECT_EQ(replayed.inferred, recorded.inferred);
  EXPECT_EQ(replayed.differ, recorded.differ);
  EXPECT_EQ(replayed.cases, 2000u);

  // Another seed makes other calls: refused, not answered with something else.
  EXPECT_THROW(check_dot_unit(replay, kBinary16, DotCheckOptions{48, 2000, 8, -1}), InputError);
}

// tf32's operands are whole words: the key covers their high halves (a 16-bit format's key
// covers the low two bytes, as recordings made before tf32 were keyed).
TEST(DotRecord, Tf32CallsAreKeyedOnWholeWords) {
  const std::uint32_t a[] = {0x3F800000}, b[] = {0x3F800000}, other[] = {0x3F802000}, c[] = {0};
  EXPECT_NE(dot_call_key(kTf32, 1, a, b, c, 1), dot_call_key(kTf32, 1, other, b, c, 1));
  const std::uint32_t low[] = {0x3F80}, high_set[] = {0x12343F80};
  EXPECT_EQ(dot_call_key(kBfloat16, 1, low, low, c, 1), dot_call_key(kBfloat16, 1, high_set, high_set, c, 1));

  // Recorded and replayed call for call (no inference: TheReplayIsTheUnitCallForCall does that).
  const std::string path = temp_path("tf32.rec");
  const std::vector<DotCase> cases = dot_cases(kTf32, 64, 1000, 5);
  std::vector<std::uint32_t> recorded;
  {
    DotRecording rec(path, "a test machine");
    const auto recorder = rec.wrap(unit("twin-cublas-sm90-tf32-published"));
    recorded = run_cases(*recorder, kTf32, cases);
  }
  ASSERT_EQ(register_dot_recording(path), 1);
  EXPECT_EQ(run_cases(unit("twin-cublas-sm90-tf32-published:recorded"), kTf32, cases), recorded);
}

TEST(DotRecord, ADamagedFileIsRefusedWithItsLine) {
  const std::string path = temp_path("bad.rec");
  {
    std::ofstream out(path);
    out << "fpconform-dot-record/1 somewhere\n"
        << "unit-x binary16 4 2 0123456789ABCDEF 3F800000\n";  // two results promised, one given
  }
  try {
    register_dot_recording(path);
    FAIL() << "a short line was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.rec:2: field 'd'"), std::string::npos) << e.what();
  }
  {
    std::ofstream out(path);
    out << "not a recording\n";
  }
  EXPECT_THROW(register_dot_recording(path), InputError);
}

}  // namespace
}  // namespace fpconform
