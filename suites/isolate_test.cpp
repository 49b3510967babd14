// run_isolated: the child's result comes back; a crash, an abort, a hang and an exception each
// come back as a failure naming what happened, and the parent goes on.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <string>
#include <thread>

#include "checks/isolate.hpp"

namespace fpconform {
namespace {

using namespace std::chrono_literals;

TEST(Isolate, ReturnsTheChildsOutput) {
  const ChildOutcome o = run_isolated([] { return std::string(200000, 'x') + "end"; }, 10s);
  ASSERT_TRUE(o.completed) << o.failure;
  EXPECT_EQ(o.output.size(), 200003u);
  EXPECT_TRUE(o.output.ends_with("end"));
}

TEST(Isolate, ASegfaultIsNamed) {
  const ChildOutcome o = run_isolated([]() -> std::string {
    std::raise(SIGSEGV);
    return "unreachable";
  }, 10s);
  EXPECT_FALSE(o.completed);
  EXPECT_TRUE(o.failure.starts_with("killed by signal 11 (SIGSEGV")) << o.failure;
}

TEST(Isolate, AnAbortIsNamed) {
  const ChildOutcome o = run_isolated([]() -> std::string { std::abort(); }, 10s);
  EXPECT_FALSE(o.completed);
  EXPECT_TRUE(o.failure.starts_with("killed by signal 6 (SIGABRT")) << o.failure;
}

TEST(Isolate, AHangIsKilledAtTheTimeout) {
  const auto start = std::chrono::steady_clock::now();
  const ChildOutcome o = run_isolated([]() -> std::string {
    for (;;) std::this_thread::sleep_for(1s);
  }, 300ms);
  EXPECT_FALSE(o.completed);
  EXPECT_EQ(o.failure, "timed out after 0.300 s (killed)");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(Isolate, AnExceptionIsNamed) {
  const ChildOutcome o = run_isolated([]() -> std::string { throw std::runtime_error("bad table"); }, 10s);
  EXPECT_FALSE(o.completed);
  EXPECT_EQ(o.failure, "threw: bad table");
}

TEST(Isolate, AnExitIsNamed) {
  const ChildOutcome o = run_isolated([]() -> std::string { std::_Exit(3); }, 10s);
  EXPECT_FALSE(o.completed);
  EXPECT_EQ(o.failure, "exited with status 3");
}

}  // namespace
}  // namespace fpconform
