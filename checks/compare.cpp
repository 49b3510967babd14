#include "checks/compare.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <numeric>
#include <thread>

#include "fpconform/container.hpp"
#include "checks/classify.hpp"
#include "checks/parallel.hpp"
#include "checks/shuffle.hpp"
#include "checks/tally.hpp"
#include "oracles/softfloat/arith.hpp"

namespace fpconform {
namespace {

// Checks blocks of the input set: hands a block's inputs to the backend in an order keyed by
// (seed, block) and puts the results back in the inputs' order before comparing.
class BlockChecker {
 public:
  BlockChecker(const Backend& b, Op op, Rounding r, const InputSet& inputs, std::size_t block,
               std::size_t max_examples, std::uint64_t seed)
      : b_(b), op_(op), r_(r), inputs_(inputs), cap_(max_examples), seed_(seed),
        src_(*info(op).src), dst_(*info(op).dst), in_bits_(input_bits(op)), flags_on_(b.reports_flags()),
        in_(block), order_(block), src_buf_(block * word_bytes(in_bits_)), handed_(block * 4), dst_buf_(block * 4),
        handed_flags_(block), flags_(block) {}

  void check(std::uint64_t i, std::uint64_t first, std::size_t n, Tally& t) {
    inputs_.fill(first, std::span(in_.data(), n));
    const std::span<std::uint32_t> order(order_.data(), n);
    keyed_order(stream_seed(seed_, i), order);
    for (std::size_t k = 0; k < n; ++k) store_word(in_bits_, src_buf_.data(), k, in_[order[k]]);
    b_.convert(op_, r_, src_buf_.data(), handed_.data(), n, flags_on_ ? handed_flags_.data() : nullptr);
    scatter(handed_.data(), order, 0, container_bytes(dst_), dst_buf_.data());
    if (flags_on_) scatter(handed_flags_.data(), order, 0, sizeof(Flags), flags_.data());
    t.total += n;
    for (std::size_t k = 0; k < n; ++k) {
      const oracle::Result want = oracle::evaluate(op_, in_[k], r_, b_.tininess(), b_.nan_policy());
      const std::uint32_t got = load_container(dst_, dst_buf_.data(), k);
      const Flags got_flags = flags_on_ ? flags_[k] : 0;
      if (got == want.bits && (!flags_on_ || got_flags == want.flags)) continue;
      const auto kind = classify_deviation(op_, in_[k], got, got_flags, flags_on_, want,
                                           ArithContext{r_, b_.tininess(), b_.nan_policy()});
      if (!kind) continue;
      t.add(first + k, Example{in_[k], got, want.bits, got_flags, want.flags, flags_on_,
                               classify_case(op_, in_[k], want), *kind}, cap_);
      ++t.by_exponent[first_exponent(op_, in_[k])];
    }
  }

 private:
  const Backend& b_;
  Op op_;
  Rounding r_;
  const InputSet& inputs_;
  std::size_t cap_;
  std::uint64_t seed_;
  const Format& src_;
  const Format& dst_;
  int in_bits_;  // an input word's width
  bool flags_on_;
  std::vector<Word> in_;
  std::vector<std::uint32_t> order_;
  std::vector<unsigned char> src_buf_, handed_, dst_buf_;
  std::vector<Flags> handed_flags_, flags_;
};

}  // namespace

Run compare(const Backend& b, Op op, Rounding r, const InputSet& inputs, const CompareOptions& o) {
  Run run;
  run.backend = b.name();
  run.backend_args = b.repro_args();
  run.op = name(op);
  run.rounding = rounding_label(op, r);
  run.inputs = inputs.spec().label();
  run.profile = o.profile.name;
  run.seed = o.seed;
  run.flags_compared = b.reports_flags();
  if (is_widening(op)) r = Rounding::rne;

  if (const Availability a = b.available(); !a.ok) {
    run.status = Status::skipped;
    run.reason = a.reason;
    return run;
  }
  if (!b.implements(op, r)) {
    run.status = Status::unimplemented;
    run.reason = std::string(b.name()) + " does not implement " + std::string(name(op)) +
                 (is_widening(op) ? "" : " in " + std::string(name(r)));
    return run;
  }

  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t size = inputs.size();
  const std::size_t block = o.block_size;
  const std::uint64_t blocks = (size + block - 1) / block;
  unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::uint64_t>(threads, std::max<std::uint64_t>(blocks, 1)));

  std::vector<std::uint64_t> order(blocks);
  std::iota(order.begin(), order.end(), std::uint64_t{0});
  seeded_shuffle(std::span(order), o.seed);
  std::vector<BlockChecker> checkers;
  checkers.reserve(threads);
  for (unsigned t = 0; t < threads; ++t)
    checkers.emplace_back(b, op, r, inputs, block, o.max_examples, o.seed);
  std::vector<Tally> tallies(threads);
  std::atomic<std::uint64_t> done{0};
  std::function<void()> progress;
  if (o.progress) progress = [&] { o.progress(done.load(), size); };
  parallel(blocks, threads, [&](unsigned t, std::uint64_t i) {
    const std::uint64_t first = order[i] * block;
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(block, size - first));
    checkers[t].check(order[i], first, n, tallies[t]);
    done.fetch_add(n, std::memory_order_relaxed);
  }, progress);
  if (o.progress) o.progress(size, size);

  finish_run(run, tallies, o.max_examples, o.profile);
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

}  // namespace fpconform
