// The machine's int8 multiply-add peak, measured: the yardstick the INT8 GEMM speeds are set
// against.
#pragma once

#include <optional>
#include <string>

namespace fpconform {

struct Int8Peak {
  double gops = 0;     // 2 ops per multiply-add, all threads together
  std::string source;  // which loop and how many threads, e.g. "vpdpbusd zmm throughput loop, 2 threads"
};

// A short throughput loop of independent chains, on `threads` threads at once: AMX tdpbssd where
// the CPU and kernel allow AMX-INT8, else vpdpbusd on zmm where the CPU has AVX-512 VNNI, else
// AVX2's vpmaddubsw + vpmaddwd + vpaddd. nullopt where none runs (another architecture, or
// FPCONFORM_DISABLE turned them off).
std::optional<Int8Peak> measure_int8_peak(int threads);

}  // namespace fpconform
