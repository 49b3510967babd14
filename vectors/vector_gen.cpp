#include "vectors/vector_gen.hpp"

#include <algorithm>
#include <ostream>
#include <thread>
#include <vector>

namespace fpconform {

bool generate_vectors(std::ostream& out, const InputSet& inputs, Rounding r,
                      const VectorGenOptions& o) {
  constexpr std::uint64_t kBlock = 1 << 16;
  const Op op = inputs.op();
  const Rounding run_as = is_widening(op) ? Rounding::rne : r;
  const unsigned threads =
      o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> texts(threads);
  const auto make_block = [&](std::uint64_t first, std::string& text) {
    text.clear();
    const std::uint64_t n = std::min(kBlock, inputs.size() - first);
    std::vector<Word> in(n);
    inputs.fill(first, in);
    Vector v;
    v.op = op;
    v.rounding = run_as;
    v.exact = is_widening(op);
    for (const Word x : in) {
      const oracle::Result res = oracle::evaluate(op, x, run_as, o.tininess, o.nan);
      v.input = x;
      v.expected = res.bits;
      v.flags = res.flags;
      if (o.format == VectorFormat::fpconform && o.comment) v.comment = o.comment(op, x, res);
      text += format_vector_line(v, o.format);
    }
  };
  for (std::uint64_t first = 0; first < inputs.size(); first += kBlock * threads) {
    std::vector<std::thread> pool;
    for (unsigned k = 0; k < threads; ++k) {
      const std::uint64_t start = first + k * kBlock;
      if (start >= inputs.size()) {
        texts[k].clear();
        continue;
      }
      pool.emplace_back(make_block, start, std::ref(texts[k]));
    }
    for (std::thread& th : pool) th.join();
    for (const std::string& text : texts)
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) return false;
  }
  out.flush();
  return true;
}

}  // namespace fpconform
