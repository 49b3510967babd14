#include "checks/int8/speed.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "vectors/int8_inputs.hpp"

namespace fpconform {
namespace {

constexpr std::string_view kSgemm = "sgemm-eigen";

GemmSpeed speed(std::string backend, GemmShape shape, int threads, double seconds) {
  GemmSpeed s;
  s.backend = std::move(backend);
  s.shape = shape;
  s.threads = threads;
  s.seconds = seconds;
  s.gops = 2.0 * shape.m * shape.n * shape.k / seconds / 1e9;
  return s;
}

}  // namespace

double median_seconds(const std::function<void()>& f, double min_total_seconds) {
  using Clock = std::chrono::steady_clock;
  f();
  std::vector<double> times;
  double total = 0;
  while (times.size() < 5 || total <= min_total_seconds) {
    const auto start = Clock::now();
    f();
    times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    total += times.back();
  }
  const auto mid = times.begin() + std::ptrdiff_t(times.size() / 2);
  std::nth_element(times.begin(), mid, times.end());
  return *mid;
}

GemmSpeed measure_gemm_speed(const Int8Backend& b, GemmShape shape, IntType a_type, int threads) {
  const std::string who = std::string(b.name()) + "/" + std::string(name(a_type));
  if (const Availability a = b.available(); !a.ok)
    throw std::invalid_argument(who + ": unavailable: " + a.reason);
  if (!b.multiplies(a_type)) throw std::invalid_argument(who + ": no GEMM for this A type");
  const GemmOperands ops = gemm_operands(Pattern::full_range, shape, a_type, 1);
  const auto kernel = b.prepare(shape, a_type, ops.b.data());
  std::vector<std::int32_t> c(std::size_t(shape.m) * std::size_t(shape.n));
  return speed(who, shape, threads,
               median_seconds([&] { kernel->run(ops.a.data(), c.data(), threads); }));
}

GemmSpeed measure_sgemm_speed(GemmShape shape, int threads) {
  const std::vector<float> a = float_matrix(Dist::uniform, shape.m, shape.k, 1);
  const std::vector<float> b = float_matrix(Dist::uniform, shape.k, shape.n, 2);
  SgemmEigen sgemm(shape, a, b);
  return speed(std::string(kSgemm) + "-" + std::string(sgemm.isa()), shape, threads,
               median_seconds([&] { sgemm.run(threads); }));
}

void relate(std::vector<GemmSpeed>& speeds, const std::optional<Int8Peak>& peak1,
            const std::optional<Int8Peak>& peak2) {
  for (GemmSpeed& s : speeds) {
    // threads 0: timed on a GPU, related there to cuBLAS's SGEMM and the tensor cores' peak.
    if (s.backend.starts_with(kSgemm) || s.threads == 0) continue;
    const auto fp32 = std::find_if(speeds.begin(), speeds.end(), [&](const GemmSpeed& f) {
      return f.backend.starts_with(kSgemm) && f.shape == s.shape && f.threads == s.threads;
    });
    s.fp32_ratio = fp32 != speeds.end() && fp32->gops > 0 ? s.gops / fp32->gops : 0;
    const Int8Peak* peak = s.threads == 1 && peak1   ? &*peak1
                           : s.threads == 2 && peak2 ? &*peak2
                                                     : nullptr;
    s.peak_gops = peak ? peak->gops : 0;
    s.peak_source = peak ? peak->source : "";
  }
}

}  // namespace fpconform
