// The plug-in loader and the subject process, below the command line: a Run survives JSON field
// for field; the example's table is read as it is written; a crashing plug-in's run fails with
// its reason and the input that crashes it; a run judged here with the plug-in in its subject is
// the run of the same library loaded here, its arithmetic's too; a version-1 table loads
// unchanged; and none of it loads a plug-in into this process.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "plugins/plugin_library.hpp"
#include "plugins/plugin_run.hpp"
#include "plugins/plugin_backend.hpp"
#include "plugins/plugin_loader.hpp"
#include "fpconform/error.hpp"
#include "reports/result_json.hpp"
#include "reports/result_read.hpp"
#include "suites/support/loaded_plugin.hpp"
#include "suites/support/test_backends.hpp"

namespace fpconform {
namespace {

using namespace std::chrono_literals;

PluginBackend plugin_backend(const char* path) {
  PluginInfo info = describe_plugin(path, 30s);
  auto subject = std::make_shared<Subject>(info.path, info.name);
  return PluginBackend(std::move(info), std::move(subject));
}

bool loaded_here(const char* path) {
  void* h = ::dlopen(path, RTLD_NOW | RTLD_NOLOAD);
  if (h) ::dlclose(h);
  return h != nullptr;
}

TEST(RunJson, EveryFieldComesBack) {
  CompareOptions o;
  o.max_examples = 5;
  const InputSet inputs(Op::f32_to_f16, *InputSpec::parse("random:100000:7"));
  fpconform::Run run = compare(testing_backends::Truncating{}, Op::f32_to_f16, Rounding::rne, inputs, o);
  run.shard = "1/4";
  run.reason = "a reason";
  run.baselined = 3;
  run.stale = true;
  run.gate = {"beyond baseline: rounding 5 > 3 (f:1)"};
  run.backend_args = "--plugin /opt/acme.so";
  ASSERT_GT(run.examples.size(), 1u);
  ASSERT_FALSE(run.by_exponent.empty());
  const nlohmann::json j = to_json(run);
  EXPECT_EQ(to_json(run_from_json(j)).dump(), j.dump());
}

TEST(PluginBackend, ReproArgsNameTheLibraryAbsolutelyAndQuoted) {
  PluginInfo info = describe_plugin(FPCONFORM_EXAMPLE_PLUGIN, 30s);
  const std::string cwd = std::filesystem::current_path().string();
  info.path = "lib/./vendor.so";
  const auto subject = std::make_shared<Subject>(info.path, info.name);
  EXPECT_EQ(PluginBackend(info, subject).repro_args(), "--plugin " + cwd + "/lib/vendor.so");
  info.path = "my dir/it's.so";
  EXPECT_EQ(PluginBackend(info, subject).repro_args(), "--plugin '" + cwd + "/my dir/it'\\''s.so'");
}

TEST(PluginLoader, ReadsTheExamplesTable) {
  const PluginInfo info = describe_plugin(FPCONFORM_EXAMPLE_PLUGIN, 30s);
  EXPECT_EQ(info.name, "vendor-example");
  EXPECT_EQ(info.path, FPCONFORM_EXAMPLE_PLUGIN);
  const std::vector<std::pair<Op, Rounding>> expected{{Op::f16_to_f32, Rounding::rne},
                                                      {Op::f32_to_f16, Rounding::rne},
                                                      {Op::f64_to_f32, Rounding::rne}};
  EXPECT_EQ(info.conversions, expected);
  const std::vector<std::pair<Op, Rounding>> arithmetic{{Op::f16_add, Rounding::rne},
                                                        {Op::f16_mul, Rounding::rne}};
  EXPECT_EQ(info.arithmetic, arithmetic);
  EXPECT_EQ(info.nan_policy, NanPolicy::x86);
  EXPECT_FALSE(info.reports_flags);
  EXPECT_FALSE(info.tininess_before);
  EXPECT_EQ(info.gemm_a_types, 3u);
  const PluginBackend b(info, std::make_shared<Subject>(info.path, info.name));
  EXPECT_TRUE(b.implements(Op::f16_to_f32, Rounding::rtz));  // widening: any mode
  EXPECT_TRUE(b.implements(Op::f32_to_f16, Rounding::rne));
  EXPECT_FALSE(b.implements(Op::f32_to_f16, Rounding::rtz));
  EXPECT_TRUE(b.implements(Op::f16_mul, Rounding::rne));
  EXPECT_FALSE(b.implements(Op::f16_mul, Rounding::rtz));
  EXPECT_FALSE(b.implements(Op::f16_sub, Rounding::rne));
  EXPECT_EQ(b.nan_policy(), NanPolicy::x86);
  EXPECT_EQ(b.kind(), BackendKind::plugin);
  EXPECT_FALSE(loaded_here(FPCONFORM_EXAMPLE_PLUGIN));
}

TEST(PluginLoader, RefusesWithTheFileAndTheProblem) {
  try {
    describe_plugin(FPCONFORM_WRONG_ABI_PLUGIN, 30s);
    FAIL() << "loaded";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), std::string("plug-in ") + FPCONFORM_WRONG_ABI_PLUGIN +
                                         ": ABI version 7, this fpconform speaks 1, 2 and 3");
  }
}

TEST(PluginLoader, LoadsAVersion1TableUnchanged) {
  const PluginBackend b = plugin_backend(FPCONFORM_V1_PLUGIN);
  EXPECT_EQ(b.name(), "abi-v1");
  EXPECT_TRUE(b.implements(Op::f16_to_f32, Rounding::rne));
  EXPECT_FALSE(b.implements(Op::f16_add, Rounding::rne));
  EXPECT_EQ(b.nan_policy(), NanPolicy::x86);
  const InputSet inputs(Op::f16_to_f32, *InputSpec::parse("edge"));
  const fpconform::Run run = compare_plugin(b, Op::f16_to_f32, Rounding::rne, inputs, CompareOptions{}, 30s);
  EXPECT_EQ(run.status, Status::passed) << run.reason;
  EXPECT_EQ(run.total, 65536u);
  // Nothing past the version-1 fields is read: the copy has none of version 2's.
  const fpconform_plugin t = load_plugin_table(FPCONFORM_V1_PLUGIN);
  EXPECT_EQ(t.abi_version, 1u);
  EXPECT_EQ(t.struct_size, kPluginV1Size);
  EXPECT_EQ(t.arithmetic, nullptr);
  EXPECT_EQ(t.arithmetic_count, 0u);
  EXPECT_EQ(t.arith, nullptr);
  EXPECT_EQ(plugin_table_problem(t), "");
}

TEST(SubjectRun, ACrashIsAFailedRunWithItsReasonAndInput) {
  const PluginBackend b = plugin_backend(FPCONFORM_CRASH_PLUGIN);
  const InputSet inputs(Op::f16_to_f32, *InputSpec::parse("edge"));
  const fpconform::Run run = compare_plugin(b, Op::f16_to_f32, Rounding::rne, inputs, CompareOptions{}, 30s);
  EXPECT_EQ(run.status, Status::failed);
  EXPECT_EQ(run.backend, "bad-crash");
  EXPECT_EQ(run.op, "f16_to_f32");
  EXPECT_EQ(run.rounding, "exact");
  EXPECT_EQ(run.total, 0u);
  // It crashes on every call: the first input of the call that crashed, alone, crashes it too.
  EXPECT_TRUE(run.reason.starts_with("plug-in crashed on input 0x")) << run.reason;
  EXPECT_NE(run.reason.find(": killed by signal 11 (SIGSEGV"), std::string::npos) << run.reason;
  // What it does not implement is settled here, with no call.
  const InputSet narrow(Op::f32_to_f16, *InputSpec::parse("edge"));
  EXPECT_EQ(compare_plugin(b, Op::f32_to_f16, Rounding::rne, narrow, CompareOptions{}, 30s).status,
            Status::unimplemented);
  EXPECT_FALSE(loaded_here(FPCONFORM_CRASH_PLUGIN));
}

TEST(SubjectRun, TheSubjectsRunIsTheRunOfTheLibraryLoadedHere) {
  const PluginBackend b = plugin_backend(FPCONFORM_EXAMPLE_PLUGIN);
  const InputSet inputs(Op::f32_to_f16, *InputSpec::parse("random:300000:5"));
  fpconform::Run judged = compare_plugin(b, Op::f32_to_f16, Rounding::rne, inputs, CompareOptions{}, 30s);
  EXPECT_FALSE(loaded_here(FPCONFORM_EXAMPLE_PLUGIN));
  EXPECT_EQ(judged.status, Status::passed);
  EXPECT_EQ(judged.total, 300000u);
  const testing_backends::LoadedPlugin here_backend(load_plugin_table(FPCONFORM_EXAMPLE_PLUGIN));
  EXPECT_TRUE(loaded_here(FPCONFORM_EXAMPLE_PLUGIN));
  fpconform::Run here = compare(here_backend, Op::f32_to_f16, Rounding::rne, inputs, CompareOptions{});
  judged.seconds = here.seconds = 0;
  judged.backend_args.clear();
  EXPECT_EQ(to_json(judged).dump(), to_json(here).dump());
}

TEST(SubjectRun, ArithmeticJudgedHereIsTheArithmeticOfTheLibraryLoadedHere) {
  const PluginBackend b = plugin_backend(FPCONFORM_EXAMPLE_PLUGIN);
  for (const Op op : {Op::f16_add, Op::f16_mul}) {
    const InputSet inputs(op, *InputSpec::parse("random:300000:5"));
    fpconform::Run judged = compare_plugin(b, op, Rounding::rne, inputs, CompareOptions{}, 30s);
    EXPECT_EQ(judged.status, Status::passed) << judged.reason;
    EXPECT_EQ(judged.total, 300000u);
    const testing_backends::LoadedPlugin here_backend(load_plugin_table(FPCONFORM_EXAMPLE_PLUGIN));
    fpconform::Run here = compare(here_backend, op, Rounding::rne, inputs, CompareOptions{});
    judged.seconds = here.seconds = 0;
    judged.backend_args.clear();
    EXPECT_EQ(to_json(judged).dump(), to_json(here).dump());
  }
}

TEST(SubjectRun, ArithmeticRoundedTheWrongWayIsARoundingDeviation) {
  const PluginBackend b = plugin_backend(FPCONFORM_TRUNCATING_PLUGIN);
  const InputSet inputs(Op::f16_add, *InputSpec::parse("random:100000:3"));
  const fpconform::Run run = compare_plugin(b, Op::f16_add, Rounding::rne, inputs, CompareOptions{}, 30s);
  EXPECT_EQ(run.status, Status::failed);
  EXPECT_EQ(run.total, 100000u);
  EXPECT_GT(run.by_kind[static_cast<int>(DeviationKind::rounding)], 0u);
  EXPECT_EQ(run.by_kind[static_cast<int>(DeviationKind::rounding)] +
                run.by_kind[static_cast<int>(DeviationKind::overflow)] +
                run.by_kind[static_cast<int>(DeviationKind::daz)],
            run.mismatches);
  EXPECT_FALSE(loaded_here(FPCONFORM_TRUNCATING_PLUGIN));
}

TEST(SubjectRun, ASweepJudgedHereIsTheSweepOfTheLibraryLoadedHere) {
  const PluginBackend b = plugin_backend(FPCONFORM_EXAMPLE_PLUGIN);
  SweepOptions o;
  o.sample = 4096;  // 16 blocks of 2^16, one in 4096, as the emulated targets sample
  o.seed = 11;
  fpconform::Run judged = sweep_plugin({&b, Op::f32_to_f16, Rounding::rne}, o, 30s);
  EXPECT_EQ(judged.status, Status::passed) << judged.reason;
  EXPECT_GT(judged.total, 0u);
  const testing_backends::LoadedPlugin here_backend(load_plugin_table(FPCONFORM_EXAMPLE_PLUGIN));
  const SweepJob jobs[] = {{&here_backend, Op::f32_to_f16, Rounding::rne}};
  fpconform::Run here = sweep(jobs, o).front();
  judged.seconds = here.seconds = 0;
  judged.backend_args.clear();
  EXPECT_EQ(to_json(judged).dump(), to_json(here).dump());
}

}  // namespace
}  // namespace fpconform
