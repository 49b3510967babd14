#include "checks/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <tuple>

#include "fpconform/container.hpp"
#include "checks/block_tally.hpp"
#include "checks/classify.hpp"
#include "checks/oracle_steps.hpp"
#include "checks/parallel.hpp"
#include "checks/shuffle.hpp"
#include "checks/tally.hpp"
#include "oracles/softfloat/arith.hpp"
#include "oracles/softfloat/arith_block_avx512.hpp"

namespace fpconform {
namespace {

constexpr std::size_t kBlock = 1 << 16;  // inputs per block: in, expected and got stay in L2

// The jobs that share one (op, rounding, NaN policy): the block's expected results are computed
// once. A conversion's come from its steps; an arithmetic op's from the oracle, case by case.
struct Group {
  Op op;
  Rounding r;
  NanPolicy nan;
  std::vector<std::size_t> jobs;
  std::shared_ptr<const OracleSteps> steps;  // conversions only
};

// What classifying a mismatch needs besides the expected result, as steps per op: the results
// toward zero, up and down (the two neighbours), and nearest-ties-away, whose steps start exactly
// at the midpoints between destination values (all representable in binary32), i.e. at the
// ties. For a saturating format the non-saturating one's ties-away steps are used, so that the
// midpoint above the largest finite value starts a step too. Built on the first mismatch.
struct NeighbourSteps {
  std::once_flag once;
  std::shared_ptr<const OracleSteps> toward, up, down, nearest_away;

  void build(Op op) {
    std::call_once(once, [&] {
      toward = OracleSteps::shared(op, Rounding::rtz);
      up = OracleSteps::shared(op, Rounding::rup);
      down = OracleSteps::shared(op, Rounding::rdn);
      const Op unsaturated = op == Op::f32_to_e4m3_sat   ? Op::f32_to_e4m3
                             : op == Op::f32_to_e5m2_sat ? Op::f32_to_e5m2
                                                         : op;
      nearest_away = OracleSteps::shared(unsaturated, Rounding::rna);
    });
  }
};

std::string hex32(std::uint64_t v) {
  char s[24];
  std::snprintf(s, sizeof s, "0x%08llX", static_cast<unsigned long long>(v));
  return s;
}

class Worker {
 public:
  Worker(std::span<const SweepJob> jobs, std::size_t cap,
         std::array<NeighbourSteps, kOps.size()>& neighbours)
      : jobs_(jobs), cap_(cap), neighbours_(neighbours), tallies_(jobs.size()),
        seconds_(jobs.size()), in_(kBlock), words_(kBlock), expected_(kBlock * 4), handed_expected_(kBlock * 4),
        handed_got_(kBlock * 4), got_(kBlock * 4), toward_(kBlock * 4), up_(kBlock * 4),
        down_(kBlock * 4), nearest_away_((kBlock + 1) * 4) {}

  // The backends get the inputs in_ (the block's, in the order keyed by the seed and first) and
  // are compared with the expected results in that order; a block that differs is put back in
  // input order for counting.
  // first is an index of the sweep (operation.hpp, sweep_word): the word itself but for mulAdd,
  // whose block is one (c, a) and every b; a block never crosses a multiple of 2^32.
  void block(std::uint64_t first, std::size_t n, std::uint64_t seed, const std::vector<Group>& groups) {
    const auto low = static_cast<std::uint32_t>(first);
    const std::uint64_t high = first - low;
    const std::span<std::uint32_t> order(in_.data(), n);
    keyed_order(stream_seed(seed, first), order, low);
    neighbours_for_ = -1;
    for (const Group& g : groups) {
      const std::size_t bytes = container_bytes(*info(g.op).dst);
      const bool wide = input_bits(g.op) > 32;
      if (wide) {  // sweep_word, unrolled: the block's c is high >> 32, each (a, b) order[k]
        const int bits = info(g.op).src->container_bits;
        const Word c = high >> 32;
        for (std::size_t k = 0; k < n; ++k) words_[k] = (Word{order[k]} << bits) | c;
      }
      // The expected results in the backends' order: the vector fill takes the words in that
      // order (no gather); the input order, which counting needs, is made only on a mismatch.
      bool in_order = true;
      if (g.steps) {
        g.steps->fill(low, n, expected_.data());
      } else if (!wide && oracle::arith_block_avx512_words(
                              g.op, order.data(), n, g.r, g.nan,
                              reinterpret_cast<std::uint16_t*>(handed_expected_.data()))) {
        in_order = false;
      } else {
        oracle::arith_block(g.op, first, n, g.r, g.nan, reinterpret_cast<std::uint16_t*>(expected_.data()));
      }
      if (in_order) gather(expected_.data(), order, low, bytes, handed_expected_.data());
      const void* handed_in = wide ? static_cast<const void*>(words_.data()) : in_.data();
      for (std::size_t j : g.jobs) {
        const auto start = std::chrono::steady_clock::now();
        jobs_[j].backend->convert(g.op, g.r, handed_in, handed_got_.data(), n, nullptr);
        tallies_[j].total += n;
        if (std::memcmp(handed_got_.data(), handed_expected_.data(), n * bytes) != 0) {
          if (!in_order) {
            scatter(handed_expected_.data(), order, low, bytes, expected_.data());
            in_order = true;
          }
          scatter(handed_got_.data(), order, low, bytes, got_.data());
          if (g.steps)
            tally_mismatches(jobs_[j], *g.steps, low, n, tallies_[j]);
          else
            tally_arith_mismatches(jobs_[j], first, n, tallies_[j]);
        }
        seconds_[j] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      }
    }
  }

  std::vector<Tally>& tallies() { return tallies_; }
  const std::vector<double>& seconds() const { return seconds_; }

 private:
  // The block's neighbours of every input, from the op's neighbour steps.
  void fill_neighbours(Op op, std::uint32_t first, std::size_t n) {
    if (neighbours_for_ == static_cast<int>(op)) return;
    NeighbourSteps& ns = neighbours_[static_cast<std::size_t>(op)];
    ns.build(op);
    ns.toward->fill(first, n, toward_.data());
    ns.up->fill(first, n, up_.data());
    ns.down->fill(first, n, down_.data());
    // nearest_away_[k] is the result for input first + k - 1 (k = 0 repeats first when it is 0:
    // a zero is never a tie).
    const std::size_t bytes = container_bytes(*info(op).dst);
    const std::size_t skip = first == 0 ? 1 : 0;
    ns.nearest_away->fill(first - 1 + skip, n + 1 - skip, nearest_away_.data() + skip * bytes);
    if (skip) std::memcpy(nearest_away_.data(), nearest_away_.data() + bytes, bytes);
    neighbours_for_ = static_cast<int>(op);
  }

  // The mismatches are counted from the steps (expected result, overflow, neighbours, ties). The
  // first one of every block and job is classified from the per-input oracle as well, and the
  // two must agree: the steps and the counting are checked wherever a sweep finds something.
  void tally_mismatches(const SweepJob& job, const OracleSteps& steps, std::uint32_t first,
                        std::size_t n, Tally& t) {
    const Format& dst = *info(job.op).dst;
    fill_neighbours(job.op, first, n);
    const BlockArrays b{first, n, got_.data(), expected_.data(), toward_.data(), up_.data(),
                        down_.data(), nearest_away_.data(), steps.overflow_thresholds()};
    const std::optional<BlockMismatch> m = tally_block(dst, b, t, cap_);
    if (!m) return;
    const std::uint32_t x = m->input;
    const std::size_t k = x - first;
    const std::uint32_t got = load_container(dst, got_.data(), k);
    const oracle::Result o = oracle::convert(job.op, x, job.rounding, job.backend->tininess());
    if (o.bits != load_container(dst, expected_.data(), k) ||
        steps.overflows(x) != static_cast<bool>(o.flags & kOverflow) ||
        classify_deviation(job.op, x, got, 0, false, o) != m->kind ||
        classify_case(job.op, x, o) != m->case_class)
      throw std::logic_error("oracle steps disagree with the oracle at input " + hex32(x) + " of " +
                             std::string(name(job.op)) + " " + std::string(name(job.rounding)));
  }

  // An arithmetic op's mismatches, each classified from the oracle (no steps: not monotonic).
  void tally_arith_mismatches(const SweepJob& job, std::uint64_t first, std::size_t n, Tally& t) {
    const Format& f = *info(job.op).src;
    const ArithContext ctx{job.rounding, job.backend->tininess(), job.backend->nan_policy()};
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint32_t got = load_container(f, got_.data(), k);
      if (got == load_container(f, expected_.data(), k)) continue;
      const Word x = sweep_word(job.op, first + k);
      const oracle::Result o = oracle::arith(job.op, x, job.rounding, ctx.t, ctx.nan);
      const auto kind = classify_deviation(job.op, x, got, 0, false, o, ctx);
      if (!kind) throw std::logic_error("sweep: oracle disagrees with its own block at " + hex32(x));
      t.add(first + k, Example{x, got, o.bits, 0, o.flags, false, classify_case(job.op, x, o), *kind}, cap_);
      ++t.by_exponent[first_exponent(job.op, x)];
    }
  }

  std::span<const SweepJob> jobs_;
  std::size_t cap_;
  std::array<NeighbourSteps, kOps.size()>& neighbours_;
  std::vector<Tally> tallies_;
  std::vector<double> seconds_;
  std::vector<std::uint32_t> in_;  // the block's indexes' low 32 bits, in the keyed order
  std::vector<Word> words_;         // their words, for ops whose words are wider
  std::vector<unsigned char> expected_, handed_expected_, handed_got_, got_, toward_, up_, down_,
      nearest_away_;
  int neighbours_for_ = -1;  // the op whose neighbours of this block are filled in
};

}  // namespace

std::optional<Shard> Shard::parse(std::string_view s) {
  const auto slash = s.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  Shard sh;
  const auto a = std::from_chars(s.data(), s.data() + slash, sh.index);
  const auto b = std::from_chars(s.data() + slash + 1, s.data() + s.size(), sh.count);
  if (a.ec != std::errc{} || a.ptr != s.data() + slash || b.ec != std::errc{} ||
      b.ptr != s.data() + s.size() || sh.count == 0 || sh.index >= sh.count)
    return std::nullopt;
  return sh;
}

std::string Shard::label() const {
  return whole() ? "" : std::to_string(index) + "/" + std::to_string(count);
}

bool sampled_block(std::uint64_t b, std::uint32_t sample) {
  if (sample <= 1) return true;
  std::uint64_t h = (b + 1) * 0x9E3779B97F4A7C15u;  // splitmix64's finaliser
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9u;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBu;
  return (h ^ (h >> 31)) % sample == 0;
}

std::vector<Run> sweep(std::span<const SweepJob> jobs, const SweepOptions& o) {
  const std::uint64_t space = jobs.empty() ? std::uint64_t{1} << 32 : input_space(jobs[0].op);
  for (const SweepJob& job : jobs)
    if (input_bits(job.op) < 32 || input_space(job.op) != space)
      throw std::invalid_argument("sweep: " + std::string(name(job.op)) + " has not the input "
                                  "space of " + std::string(name(jobs[0].op)) + " (one sweep, one space)");
  const std::uint64_t last = o.last ? o.last : space;
  if (o.first >= last || last > space)
    throw std::invalid_argument("sweep: empty or out-of-range input range");
  if (o.sample == 0) throw std::invalid_argument("sweep: sample 1/0");
  if ((o.sample > 1 || space > (std::uint64_t{1} << 32)) && o.first % kBlock != 0)
    throw std::invalid_argument("sweep: a sample, or a range of mulAdd, starts on a block");
  const bool all = o.first == 0 && last == space;
  std::vector<Run> runs(jobs.size());
  std::map<std::tuple<Op, Rounding, NanPolicy>, Group> by_pair;
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    const SweepJob& job = jobs[j];
    Run& run = runs[j];
    run.backend = job.backend->name();
    run.backend_args = job.backend->repro_args();
    run.op = name(job.op);
    run.rounding = rounding_label(job.op, job.rounding);
    run.inputs = all ? "exhaustive" : o.label.empty() ? "range:" + hex32(o.first) + "-" + hex32(last - 1) : o.label;
    if (o.sample > 1) run.inputs = "sample:1/" + std::to_string(o.sample) + (all ? "" : " of " + run.inputs);
    run.shard = o.shard.label();
    run.profile = o.profile.name;
    run.seed = o.seed;
    if (const Availability a = job.backend->available(); !a.ok) {
      run.status = Status::skipped;
      run.reason = a.reason;
    } else if (!job.backend->implements(job.op, job.rounding)) {
      run.status = Status::unimplemented;
      run.reason = std::string(job.backend->name()) + " does not implement " +
                   std::string(name(job.op)) + " in " + std::string(name(job.rounding));
    } else {
      const NanPolicy nan = is_arithmetic(job.op) ? job.backend->nan_policy() : NanPolicy::x86;
      Group& g = by_pair[{job.op, job.rounding, nan}];
      g.op = job.op;
      g.r = job.rounding;
      g.nan = nan;
      g.jobs.push_back(j);
    }
  }
  std::vector<Group> groups;
  for (auto& [pair, g] : by_pair) groups.push_back(std::move(g));
  if (groups.empty()) return runs;

  const auto start = std::chrono::steady_clock::now();
  const unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  parallel(groups.size(), std::min<unsigned>(threads, groups.size()), [&](unsigned, std::uint64_t i) {
    if (!is_arithmetic(groups[i].op)) groups[i].steps = OracleSteps::shared(groups[i].op, groups[i].r);
  });

  // This shard's blocks: an equal share of the range's blocks.
  const std::uint64_t blocks = (last - o.first + kBlock - 1) / kBlock;
  const std::uint64_t b0 = blocks * o.shard.index / o.shard.count;
  const std::uint64_t b1 = blocks * (o.shard.index + 1) / o.shard.count;
  const std::uint64_t hi = std::min(last, o.first + b1 * kBlock);
  std::vector<std::uint64_t> chosen;  // the blocks swept, by index from the range's first
  for (std::uint64_t b = b0; b < b1; ++b)
    if (sampled_block(o.first / kBlock + b, o.sample)) chosen.push_back(b);
  seeded_shuffle(std::span(chosen), o.seed);  // the order the threads take them in
  std::uint64_t inputs = 0;
  for (std::uint64_t b : chosen) inputs += std::min<std::uint64_t>(kBlock, hi - (o.first + b * kBlock));
  const unsigned pool = static_cast<unsigned>(std::min<std::uint64_t>(threads, std::max<std::uint64_t>(chosen.size(), 1)));

  std::array<NeighbourSteps, kOps.size()> neighbours;
  std::vector<Worker> workers;
  workers.reserve(pool);
  for (unsigned t = 0; t < pool; ++t) workers.emplace_back(jobs, o.max_examples, neighbours);
  std::atomic<std::uint64_t> done{0};
  std::function<void()> progress;
  if (o.progress) progress = [&] { o.progress(done.load(), inputs); };
  parallel(chosen.size(), pool, [&](unsigned t, std::uint64_t i) {
    const std::uint64_t first = o.first + chosen[i] * kBlock;
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, hi - first));
    workers[t].block(first, n, o.seed, groups);
    done.fetch_add(n, std::memory_order_relaxed);
  }, progress);
  if (o.progress) o.progress(inputs, inputs);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // A job's seconds: its share of the wall time, by the thread time it took.
  double busy = 0;
  for (const Worker& w : workers) for (double s : w.seconds()) busy += s;
  for (const Group& g : groups)
    for (std::size_t j : g.jobs) {
      std::vector<Tally> tallies;
      double seconds = 0;
      for (Worker& w : workers) {
        tallies.push_back(std::move(w.tallies()[j]));
        seconds += w.seconds()[j];
      }
      finish_run(runs[j], tallies, o.max_examples, o.profile);
      runs[j].seconds = busy > 0 ? wall * seconds / busy : 0;
    }
  return runs;
}

}  // namespace fpconform
