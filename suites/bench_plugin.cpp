// What isolation costs: one plug-in's exhaustive sweep judged here with the plug-in computing in
// its subject process (shared memory, one lane per thread), against the same library loaded into
// this process and swept as a built-in backend is. Both sweeps in one run, the in-process one
// first; prints both wall times and their ratio.
//
//   build/suites/bench_plugin build/examples/vendor_plugin/libfpconform_vendor_example.so
//       [OP] [SAMPLE: sweep 1 block in SAMPLE; 1 = all 2^32 inputs]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fpconform/plugin.h"
#include "plugins/plugin_backend.hpp"
#include "plugins/plugin_library.hpp"
#include "plugins/plugin_loader.hpp"
#include "plugins/plugin_run.hpp"
#include "suites/support/loaded_plugin.hpp"

namespace fpconform {
namespace {

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_plugin PLUGIN.so [OP] [SAMPLE]\n");
    return 2;
  }
  const std::string path = argv[1];
  const auto op = parse_op(argc > 2 ? argv[2] : "f32_to_f16");
  if (!op) return 2;
  SweepOptions o;
  o.sample = argc > 3 ? std::uint32_t(std::atoi(argv[3])) : 1;
  o.seed = 1;

  PluginInfo info = describe_plugin(path);
  const auto subject = std::make_shared<Subject>(info.path, info.name);
  const PluginBackend judged(info, subject);
  const testing_backends::LoadedPlugin here(load_plugin_table(path));  // loaded after the subject was described

  const auto timed = [&](auto&& sweep_it) {
    const auto t0 = std::chrono::steady_clock::now();
    const Run run = sweep_it();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("  %-10s %s %s: %llu inputs, %s, %.2f s\n", std::string(run.backend).c_str(),
                run.op.c_str(), run.rounding.c_str(), static_cast<unsigned long long>(run.total),
                std::string(name(run.status)).c_str(), s);
    return s;
  };
  std::printf("sweep of %s (%s), %s\n", std::string(name(*op)).c_str(),
              o.sample == 1 ? "all 2^32 inputs" : ("1 block in " + std::to_string(o.sample)).c_str(),
              "threads: all");
  const SweepJob in_process[] = {{&here, *op, Rounding::rne}};
  SweepOptions warm = o;  // the oracle's steps are built once, on first use: not in either figure
  warm.sample = 65536;
  sweep(in_process, warm);
  const double a = timed([&] { return sweep(in_process, o).front(); });
  SweepOptions ob = o;
  if (const char* t = std::getenv("SUBJECT_THREADS")) ob.threads = unsigned(std::atoi(t));
  const double b = timed([&] { return sweep_plugin({&judged, *op, Rounding::rne}, ob, std::chrono::hours(1)); });
  std::printf("subject process / in process: %.3f\n", b / a);
  return 0;
}

}  // namespace
}  // namespace fpconform

int main(int argc, char** argv) { return fpconform::main(argc, argv); }
