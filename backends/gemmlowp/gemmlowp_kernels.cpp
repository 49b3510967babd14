// The unit that includes gemmlowp, built for its SIMD path (CMakeLists.txt): the GEMM with an
// empty output pipeline and the fixed-point requantization through gemmlowp's own output stages.
#include "backends/gemmlowp/gemmlowp_kernels.hpp"

#include <tuple>
#include <type_traits>

#include <gemmlowp/public/gemmlowp.h>

namespace fpconform::gemmlowp_kernels {

struct Context {
  gemmlowp::GemmContext gemm;
};

Context* new_context() { return new Context; }
void delete_context(Context* c) { delete c; }

void gemm(Context& ctx, int threads, const std::uint8_t* a, int lhs_offset, const std::uint8_t* b,
          int rhs_offset, int m, int n, int k, std::int32_t* c) {
  using gemmlowp::MapOrder;
  ctx.gemm.set_max_num_threads(threads);
  const gemmlowp::MatrixMap<const std::uint8_t, MapOrder::RowMajor> lhs(a, m, k);
  const gemmlowp::MatrixMap<const std::uint8_t, MapOrder::RowMajor> rhs(b, k, n);
  gemmlowp::MatrixMap<std::int32_t, MapOrder::RowMajor> result(c, m, n);
  gemmlowp::GemmWithOutputPipeline<std::uint8_t, std::int32_t, gemmlowp::DefaultL8R8BitDepthParams>(
      &ctx.gemm, lhs, rhs, &result, lhs_offset, rhs_offset, std::make_tuple());
}

namespace {

// The accumulators as an n x 1 column, run through the pipeline in blocks of Rows and then 1, as
// gemmlowp's unpack stage feeds it. Its SSE back-end casts to uint8 in 8 x 1 SIMD blocks but
// implements the int8 cast for scalar blocks only (output.h static_asserts "only for scalar
// values"), so int8 goes through 1 x 1 blocks.
template <typename Q, typename Cast, int Rows>
void requantize(const std::int32_t* acc, Q* q, int n, std::int32_t multiplier, int shift,
                std::int32_t zero_point) {
  using gemmlowp::MapOrder;
  using gemmlowp::RegisterBlock;
  const auto pipeline = std::make_tuple(
      gemmlowp::OutputStageQuantizeDownInt32ByFixedPoint{multiplier, shift, zero_point}, Cast{});
  using Pipeline = std::remove_const_t<decltype(pipeline)>;
  const gemmlowp::MatrixMap<const std::int32_t, MapOrder::ColMajor> src(acc, n, 1);
  gemmlowp::MatrixMap<Q, MapOrder::ColMajor> dst(q, n, 1);
  using Block = RegisterBlock<std::int32_t, Rows, 1>;
  using Block1 = RegisterBlock<std::int32_t, 1, 1>;
  const gemmlowp::OutputPipelineExecutor<Pipeline, Block> by_block(pipeline);
  const gemmlowp::OutputPipelineExecutor<Pipeline, Block1> by1(pipeline);
  int i = 0;
  for (; i + Rows <= n; i += Rows)
    by_block.Execute(gemmlowp::Load<Block>(src, i, 0), &dst, i, 0, i, 0);
  for (; i < n; ++i) by1.Execute(gemmlowp::Load<Block1>(src, i, 0), &dst, i, 0, i, 0);
}

}  // namespace

void requantize(const std::int32_t* acc, void* q, std::size_t n, std::int32_t multiplier,
                int shift, std::int32_t zero_point, bool to_int8) {
  // Chunks that an int index holds (gemmlowp's maps index with int).
  constexpr std::size_t kChunk = std::size_t{1} << 30;
  for (std::size_t done = 0; done < n; done += kChunk) {
    const int len = static_cast<int>(n - done < kChunk ? n - done : kChunk);
    if (to_int8)
      requantize<std::int8_t, gemmlowp::OutputStageSaturatingCastToInt8, 1>(
          acc + done, static_cast<std::int8_t*>(q) + done, len, multiplier, shift, zero_point);
    else
      requantize<std::uint8_t, gemmlowp::OutputStageSaturatingCastToUint8, 8>(
          acc + done, static_cast<std::uint8_t*>(q) + done, len, multiplier, shift, zero_point);
  }
}

const char* simd_path() {
#if defined(GEMMLOWP_AVX2)
  return "AVX2";
#elif defined(GEMMLOWP_SSE4)
  return "SSE4.1";
#elif defined(GEMMLOWP_NEON)
  return "NEON";
#else
  return "portable C++ (no SIMD path)";
#endif
}

}  // namespace fpconform::gemmlowp_kernels
