#include <benchmark/benchmark.h>
// being written
BENCHMARK_MAIN();
