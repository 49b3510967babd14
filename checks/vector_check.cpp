#include "checks/vector_check.hpp"

#include "fpconform/container.hpp"
#include "oracles/softfloat/arith.hpp"
#include "oracles/softfloat/oracle.hpp"
#include "oracles/softfloat/unpack.hpp"
#include "checks/classify.hpp"
#include "checks/shuffle.hpp"

namespace fpconform {
namespace {

constexpr std::size_t kBatch = 4096;

bool is_nan(const Format& f, std::uint32_t bits) {
  return oracle::unpack(f, bits).kind == oracle::Unpacked::Kind::nan;
}

}  // namespace

VectorChecker::VectorChecker(const Backend& b, Tininess file_tininess, std::size_t max_examples,
                             OnExample on_example, std::uint64_t seed, NanMatch nans, NanPolicy file_nans)
    : b_(b), file_tininess_(file_tininess), file_nans_(file_nans), max_examples_(max_examples),
      on_example_(std::move(on_example)), seed_(seed), nans_(nans) {}

void VectorChecker::add(Vector v) {
  ++tally_.vectors;
  const Rounding run_as = is_widening(v.op) ? Rounding::rne : v.rounding;
  if (!b_.implements(v.op, run_as)) {
    ++tally_.unimplemented[std::string(name(v.op)) + " " +
                           std::string(rounding_label(v.op, v.rounding))];
    return;
  }
  if (!batch_.empty() && (batch_.front().op != v.op || batch_run_as_ != run_as)) flush();
  batch_run_as_ = run_as;
  batch_.push_back(std::move(v));
  if (batch_.size() == kBatch) flush();
}

void VectorChecker::skip_unselected() {
  ++tally_.vectors;
  ++tally_.not_selected;
}

const VectorTally& VectorChecker::finish() {
  flush();
  return tally_;
}

void VectorChecker::flush() {
  if (batch_.empty()) return;
  const Op op = batch_.front().op;
  const OpInfo& oi = info(op);
  const std::size_t n = batch_.size();
  std::vector<std::uint32_t> order(n);
  std::vector<Word> in_words(n);  // room for any input word
  std::vector<std::uint32_t> handed(n), out_words(n);  // room for any container
  std::vector<Flags> handed_flags(n, 0), flags(n, 0);
  keyed_order(stream_seed(seed_, batches_++), order);
  for (std::size_t i = 0; i < n; ++i)
    store_word(input_bits(op), in_words.data(), i, batch_[order[i]].input);
  const bool compare_flags = b_.reports_flags();
  b_.convert(op, batch_run_as_, in_words.data(), handed.data(), n,
             compare_flags ? handed_flags.data() : nullptr);
  scatter(handed.data(), order, 0, container_bytes(*oi.dst), out_words.data());
  scatter(handed_flags.data(), order, 0, sizeof(Flags), flags.data());
  for (std::size_t i = 0; i < n; ++i) {
    const Vector& v = batch_[i];
    const std::uint32_t got = load_container(*oi.dst, out_words.data(), i);
    oracle::Result expected{v.expected, v.flags};
    // Only the underflow flag depends on the tininess rule, and only 0 x inf + qNaN's invalid
    // on the NaN policy: move them to the backend's.
    if (compare_flags && (b_.tininess() != file_tininess_ || b_.nan_policy() != file_nans_)) {
      const Flags f = oracle::evaluate(op, v.input, batch_run_as_, file_tininess_, file_nans_).flags;
      const Flags g = oracle::evaluate(op, v.input, batch_run_as_, b_.tininess(), b_.nan_policy()).flags;
      expected.flags ^= static_cast<Flags>(f ^ g);
    }
    // NanMatch::any: a NaN for an expected NaN is the expected one (flags are still compared).
    const bool any_nan = nans_ == NanMatch::any && is_arithmetic(op) &&
                         is_nan(*oi.dst, expected.bits) && is_nan(*oi.dst, got);
    ++tally_.checked;
    const auto kind = classify_deviation(op, v.input, any_nan ? expected.bits : got, flags[i],
                                         compare_flags, expected,
                                         ArithContext{batch_run_as_, b_.tininess(), b_.nan_policy()});
    if (!kind) continue;
    ++tally_.mismatches;
    ++tally_.by_kind[std::string(name(*kind))];
    if (tally_.examples < max_examples_) {
      ++tally_.examples;
      if (on_example_)
        on_example_(v, Example{.input = v.input, .got = got, .expected = expected.bits,
                               .got_flags = flags[i], .expected_flags = expected.flags,
                               .flags_compared = compare_flags,
                               .case_class = classify_case(op, v.input, expected),
                               .kind = *kind});
    }
  }
  batch_.clear();
}

}  // namespace fpconform
