// The arithmetic oracle (oracles/softfloat/arith.hpp) against two independent derivations, and
// its NaN policies:
//
//   (a) MPFR (oracles/mpfr): every one- and two-operand arithmetic op x every rounding mode, bits
//       and flags under both tininess rules, on a table of edge operands (every pair) and seeded
//       random pairs (mulAdd: mul_add_oracle_test). NaN results are compared as a class: which
//       NaN is the policy's, tested in (c).
//   (b) binary64 hardware: all 2^32 operand pairs of f16/bf16 add, sub and mul in rne. The sum or
//       product is exact in binary64 (f16 add/sub/mul, bf16 mul); for bf16 add/sub, TwoSum gives
//       the rounding error, whose sign is folded in as a sticky bit. That value is rounded by the
//       oracle's own round_pack, so this checks the operations' exact results, alignment, sticky
//       bits, signs of zeros and special cases, independently of MPFR.
//   (c) NanPolicy: each policy's NaN for (qNaN, sNaN), (sNaN, qNaN) and invalid operations.
//
// One source, two programs. arith_oracle samples (2^16 random pairs per (op, mode), and a 2^20
// sample of (b)) and says so; arith_oracle_exhaustive (FPCONFORM_EXHAUSTIVE, ctest label
// `exhaustive`) runs (b) over all 2^32 pairs and 2^20 random pairs per (op, mode) against MPFR,
// on every core (FPCONFORM_THREADS=N to choose).
#include <gtest/gtest.h>
#include <mpfr.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fpconform/format.hpp"
#include "fpconform/nan_policy.hpp"
#include "fpconform/operation.hpp"
#include "fpconform/rounding.hpp"
#include "oracles/mpfr/mpfr_oracle.hpp"
#include "oracles/softfloat/add.hpp"
#include "oracles/softfloat/arith.hpp"
#include "oracles/softfloat/mul.hpp"
#include "oracles/softfloat/round_pack.hpp"
#include "oracles/softfloat/unpack.hpp"
#include "suites/support/mpfr_parallel.hpp"

namespace fpconform {
namespace {

using testing_mpfr::kMaxExamples;
using testing_mpfr::Mismatches;
using testing_mpfr::thread_count;

#ifdef FPCONFORM_EXHAUSTIVE
constexpr bool kExhaustive = true;
#else
constexpr bool kExhaustive = false;
#endif

constexpr std::uint64_t kSeed = 0xA817C0DE5EED2026;
constexpr std::uint64_t kRandomCount = kExhaustive ? std::uint64_t{1} << 20 : std::uint64_t{1} << 16;
constexpr std::uint64_t kPairs = std::uint64_t{1} << 32;
constexpr std::uint64_t kHardwareSample = std::uint64_t{1} << 20;  // sampled build: pairs for (b)
constexpr std::uint64_t kChunk = 1 << 16;

// ---------------------------------------------------------------------------------------------
// Printing, collecting mismatches (up to a cap, the rest counted), on every core

std::string hex(const Format& f, std::uint32_t v) {
  char s[16];
  std::snprintf(s, sizeof s, "%0*X", f.container_bits / 4, v);
  return s;
}

std::string hex_flags(Flags x) {
  char s[8];
  std::snprintf(s, sizeof s, "%02X", x);
  return s;
}

// "f16_add rne 3C00 1000": the case as a vector line starts (vectors/vector_file.hpp).
std::string case_text(Op op, Rounding r, std::uint32_t word) {
  const Format& f = *info(op).src;
  std::string s(name(op));
  s.append(" ").append(name(r));
  for (int i = 0; i < arity(op); ++i) s.append(" ").append(hex(f, operand(op, word, i)));
  return s;
}

std::string result_text(const Format& f, const oracle::Result& x) {
  return hex(f, x.bits) + " " + hex_flags(x.flags);
}


void expect_none(const Mismatches& m, std::uint64_t checked, const char* what) {
  if (m.count == 0) return;
  std::ostringstream o;
  o << m.count << " disagreements with " << what << " in " << checked << " cases; first "
    << m.examples.size() << ":";
  for (const auto& e : m.examples) o << "\n  " << e.second;
  ADD_FAILURE() << o.str();
}


// check(word, out) for every index i < n of words(i), threads taking chunks in turn.
Mismatches parallel(std::uint64_t n, const std::function<std::uint32_t(std::uint64_t)>& words,
                    const std::function<void(std::uint32_t, Mismatches&)>& check) {
  return testing_mpfr::in_chunks(n, kChunk, [&](std::uint64_t b, std::uint64_t e, Mismatches& out) {
    for (std::uint64_t i = b; i < e; ++i) check(words(i), out);
  });
}

void report(const char* tag, const std::string& what, std::uint64_t checked, std::uint64_t of,
            std::chrono::steady_clock::time_point start) {
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("[ %-9s] %s: %s %llu of %llu%s (%.2f s, %u threads)\n", tag, what.c_str(),
              checked < of ? "sampled" : "checked", static_cast<unsigned long long>(checked),
              static_cast<unsigned long long>(of), checked < of ? ": not exhaustive" : "", s,
              thread_count());
  std::fflush(stdout);
}

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
  return x ^ (x >> 31);
}

// ---------------------------------------------------------------------------------------------
// Operands

std::uint32_t make(const Format& f, bool sign, std::uint32_t biased, std::uint32_t frac) {
  return (std::uint32_t{sign} << (f.width() - 1)) | (biased << f.frac_bits) | frac;
}

// Edge operands of an IEEE format, both signs: zeros, the smallest and largest subnormals, the
// smallest normals, 1 and its neighbours, 1.5 and 3 (ties of products), around 2^(emin/2) and
// 2^(emax/2) (products and quotients at the underflow and overflow thresholds), the largest
// finite numbers, infinities, quiet and signaling NaNs with payloads.
std::vector<std::uint32_t> edge_operands(const Format& f) {
  const std::uint32_t m = f.frac_mask(), top = f.exp_mask(), one = static_cast<std::uint32_t>(f.bias);
  const std::uint32_t low_half = static_cast<std::uint32_t>(f.bias / 2), high_half = one + low_half;
  std::vector<std::uint32_t> v;
  for (bool s : {false, true}) {
    for (std::uint32_t x : {make(f, s, 0, 0), make(f, s, 0, 1), make(f, s, 0, 2), make(f, s, 0, 3),
                            make(f, s, 0, m), make(f, s, 0, m - 1), make(f, s, 1, 0),
                            make(f, s, 1, 1), make(f, s, 2, 0), make(f, s, one, 0),
                            make(f, s, one, 1), make(f, s, one, 3), make(f, s, one - 1, m),
                            make(f, s, one, f.quiet_bit()), make(f, s, one + 1, f.quiet_bit()),
                            make(f, s, low_half, 0), make(f, s, low_half, m),
                            make(f, s, low_half + 1, 1), make(f, s, high_half, 0),
                            make(f, s, high_half, m), make(f, s, high_half - 1, 1),
                            make(f, s, top - 1, m), make(f, s, top - 1, m - 1),
                            make(f, s, top - 1, 0), make(f, s, top, 0),
                            make(f, s, top, f.quiet_bit()), make(f, s, top, f.quiet_bit() | 5),
                            make(f, s, top, 1), make(f, s, top, m >> 1)})
      v.push_back(x);
  }
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// Every pair of edge operands (every one for sqrt) as input words.
std::vector<std::uint32_t> edge_words(Op op) {
  const Format& f = *info(op).src;
  const std::vector<std::uint32_t> e = edge_operands(f);
  std::vector<std::uint32_t> w;
  if (arity(op) == 1) return e;
  for (std::uint32_t a : e)
    for (std::uint32_t b : e) w.push_back((a << f.container_bits) | b);
  return w;
}

// Random pair i of a stream: half uniform 32-bit words, a quarter with the second operand's
// exponent within 2 of the first's (cancellation, ties, alignment by a few places), a quarter
// with exponents summing near the thresholds (products and quotients that overflow, underflow,
// or land among the subnormals).
std::uint32_t random_word(Op op, std::uint64_t seed, std::uint64_t i) {
  const Format& f = *info(op).src;
  const std::uint64_t r = splitmix64(seed + i);
  const std::uint32_t bits = f.container_bits;
  const std::uint32_t mask = (1u << bits) - 1;
  std::uint32_t a = static_cast<std::uint32_t>(r) & mask, b = static_cast<std::uint32_t>(r >> 16) & mask;
  if (arity(op) == 1) return a;
  const int ea = static_cast<int>((a >> f.frac_bits) & f.exp_mask());
  const int span = static_cast<int>(f.exp_mask());
  switch ((r >> 60) & 3) {
    case 0:
    case 1: break;
    case 2: {  // close exponents
      const int eb = std::clamp(ea + static_cast<int>((r >> 32) % 5) - 2, 0, span - 1);
      b = (b & ~(f.exp_mask() << f.frac_bits)) | (static_cast<std::uint32_t>(eb) << f.frac_bits);
      break;
    }
    default: {  // exponent sum (mul) or difference (div) near emin or emax
      const bool high = (r >> 40) & 1;
      const int target = high ? 3 * f.bias : 0;  // biased: ea + eb - bias at emax or emin
      const int want = info(op).arith == Arith::div ? ea - (target - 2 * f.bias) : target - ea;
      const int eb = std::clamp(want + static_cast<int>((r >> 32) % 7) - 3, 0, span - 1);
      b = (b & ~(f.exp_mask() << f.frac_bits)) | (static_cast<std::uint32_t>(eb) << f.frac_bits);
      break;
    }
  }
  return (a << bits) | b;
}

// One and two operands: a word here is 32 bits, so a mulAdd's first operand would always be +0.
// mul_add_oracle_test checks the three-operand ops against MPFR.
std::vector<Op> arith_ops() {
  std::vector<Op> v;
  for (const OpInfo& i : kOps)
    if (i.arith != Arith::none && i.arity <= 2) v.push_back(i.op);
  return v;
}

// ---------------------------------------------------------------------------------------------
// (a) against MPFR

void check_mpfr(Op op, Rounding r, std::uint32_t word, Mismatches& out) {
  const Format& f = *info(op).src;
  const mpfr_oracle::ByTininess m = mpfr_oracle::arith_both(op, word, r);
  for (Tininess t : {Tininess::after, Tininess::before}) {
    // canonical signals invalid for 0 x inf + qNaN, as MPFR's side does (7.2 (c)); NaN
    // results are compared by class and flags only, so nothing else of the policy shows.
    const oracle::Result ours = oracle::arith(op, word, r, t, NanPolicy::canonical);
    const oracle::Result& theirs = t == Tininess::after ? m.after : m.before;
    const bool same = mpfr_oracle::is_nan(f, theirs.bits)
                          ? mpfr_oracle::is_nan(f, ours.bits) && ours.flags == theirs.flags
                          : ours == theirs;
    if (!same)
      out.add(word, case_text(op, r, word) + " tininess " + std::string(name(t)) + ": oracle " +
                        result_text(f, ours) + ", mpfr " +
                        (mpfr_oracle::is_nan(f, theirs.bits) ? std::string("NaN ") + hex_flags(theirs.flags)
                                                             : result_text(f, theirs)));
  }
}

struct Case {
  Op op;
  Rounding r;
};

void PrintTo(const Case& c, std::ostream* os) { *os << name(c.op) << " " << name(c.r); }

std::string case_name(const testing::TestParamInfo<Case>& i) {
  return std::string(name(i.param.op)) + "_" + std::string(name(i.param.r));
}

std::vector<Case> arith_cases() {
  std::vector<Case> v;
  for (Op op : arith_ops())
    for (Rounding r : kRoundings) v.push_back({op, r});
  return v;
}

class ArithVsMpfr : public testing::TestWithParam<Case> {};

TEST_P(ArithVsMpfr, EdgePairs) {
  const auto [op, r] = GetParam();
  const auto start = std::chrono::steady_clock::now();
  const std::vector<std::uint32_t> words = edge_words(op);
  const Mismatches m = parallel(words.size(), [&](std::uint64_t i) { return words[i]; },
                                [&](std::uint32_t w, Mismatches& out) { check_mpfr(op, r, w, out); });
  report("ALL", std::string(name(op)) + " " + std::string(name(r)) + " edge pairs", words.size(),
         words.size(), start);
  expect_none(m, words.size(), "MPFR (x2 tininess)");
}

TEST_P(ArithVsMpfr, RandomPairs) {
  const auto [op, r] = GetParam();
  const auto start = std::chrono::steady_clock::now();
  if (arity(op) == 1) {  // sqrt: every operand
    const Mismatches m = parallel(input_space(op), [](std::uint64_t i) { return static_cast<std::uint32_t>(i); },
                                  [&](std::uint32_t w, Mismatches& out) { check_mpfr(op, r, w, out); });
    report("ALL", std::string(name(op)) + " " + std::string(name(r)) + " every operand",
           input_space(op), input_space(op), start);
    expect_none(m, input_space(op), "MPFR (x2 tininess)");
    return;
  }
  const std::uint64_t seed = kSeed + (static_cast<std::uint64_t>(op) << 40) +
                             (static_cast<std::uint64_t>(r) << 32);
  const Mismatches m = parallel(kRandomCount, [&](std::uint64_t i) { return random_word(op, seed, i); },
                                [&](std::uint32_t w, Mismatches& out) { check_mpfr(op, r, w, out); });
  report("SAMPLED", std::string(name(op)) + " " + std::string(name(r)) + " random pairs (seed " +
                        std::to_string(seed) + ")",
         kRandomCount, input_space(op), start);
  expect_none(m, kRandomCount, "MPFR (x2 tininess)");
}

INSTANTIATE_TEST_SUITE_P(Ops, ArithVsMpfr, testing::ValuesIn(arith_cases()), case_name);

// ---------------------------------------------------------------------------------------------
// (b) against binary64 hardware, rne

// Every container of f as a double (NaNs as NaN): exact, f being at most 16 bits wide.
std::vector<double> value_table(const Format& f) {
  std::vector<double> t(std::size_t{1} << f.container_bits);
  for (std::uint32_t x = 0; x < t.size(); ++x) {
    const std::uint32_t e = (x >> f.frac_bits) & f.exp_mask(), m = x & f.frac_mask();
    const bool sign = (x >> (f.width() - 1)) & 1;
    double v;
    if (e == f.exp_mask())
      v = m == 0 ? HUGE_VAL : std::nan("");
    else if (e == 0)
      v = std::ldexp(static_cast<double>(m), f.emin() - f.frac_bits);
    else
      v = std::ldexp(static_cast<double>(m | (1u << f.frac_bits)),
                     static_cast<int>(e) - f.bias - f.frac_bits);
    t[x] = sign ? -v : v;
  }
  return t;
}

// x86's NaN for NaN operands (nan_policy.hpp): the first NaN, quieted; invalid if any signals.
oracle::Result x86_nan(const Format& f, std::uint32_t a, std::uint32_t b) {
  const auto nan = [&](std::uint32_t x) {
    return ((x >> f.frac_bits) & f.exp_mask()) == f.exp_mask() && (x & f.frac_mask()) != 0;
  };
  const auto signaling = [&](std::uint32_t x) { return nan(x) && !(x & f.quiet_bit()); };
  const std::uint32_t pick = nan(a) ? a : b;
  const bool invalid = signaling(a) || signaling(b);
  return {pick | static_cast<std::uint32_t>(f.quiet_bit()), static_cast<Flags>(invalid ? kInvalid : 0)};
}

// s + err (err the exact rounding error of s, |err| <= half an ulp of s on err's side) rounded
// to f in rne by round_pack: s's significand with two more bits, the lower one err's sign. The
// value lies strictly between the same rounding points of f as s + err (f has far fewer bits).
template <const Format& F>
oracle::Result round_double(double s, double err) {
  const auto bits = std::bit_cast<std::uint64_t>(s);
  const bool sign = bits >> 63;
  const auto biased = static_cast<std::int32_t>((bits >> 52) & 0x7FF);
  if (biased == 0x7FF) return {oracle::pack(F, sign, F.exp_mask(), 0), 0};  // an exact infinity
  if (biased == 0) return {oracle::pack(F, sign, 0, 0), 0};  // zero (no result is subnormal here)
  std::uint64_t sig = ((bits & ((std::uint64_t{1} << 52) - 1)) | (std::uint64_t{1} << 52)) << 2;
  if (err != 0) sig += (std::signbit(err) == sign) ? 1 : -1;  // a quarter ulp toward err
  return oracle::round_pack(F, sign, biased - 1075 - 2, sig, Rounding::rne, Tininess::after);
}

// The expected result of a + b or a * b (neither a NaN) by binary64: exact for f16 and for
// products; TwoSum for bf16 sums, which may be inexact.
template <const Format& F, Arith A>
oracle::Result by_hardware(const double* value, std::uint32_t a, std::uint32_t b) {
  const double x = value[a], y = value[b];
  double s, err = 0;
  if constexpr (A == Arith::mul) {
    s = x * y;  // at most 2 x 11 bits, exponents within binary64's: exact
  } else {
    s = x + y;
    if constexpr (F.exp_bits > 5) {  // TwoSum (Knuth): err = (x + y) - s exactly
      const double yy = s - x;
      err = (x - (s - yy)) + (y - yy);
      if (std::isnan(err)) err = 0;  // an infinite operand: s is exact (or NaN, below)
    }
  }
  if (std::isnan(s))  // inf - inf, 0 x inf: invalid (7.2), x86's default NaN (negative)
    return {oracle::pack(F, true, F.exp_mask(), F.quiet_bit()), kInvalid};
  return round_double<F>(s, err);
}

// The oracle's own operation, its format folded in as arith.cpp does for speed.
template <const Format& F, Arith A>
oracle::Result by_oracle(std::uint32_t a, std::uint32_t b) {
  if constexpr (A == Arith::mul)
    return oracle::detail::mul_impl(F, F, a, b, Rounding::rne, Tininess::after, NanPolicy::x86);
  else
    return oracle::detail::add_impl(F, F, a, b, A == Arith::sub, Rounding::rne, Tininess::after,
                                    NanPolicy::x86);
}

// Every word i < n (or n random words), each thread a chunk at a time. One binary64 result
// serves the four cases of the same exact value: a + b, b + a, a - (-b), b - (-a) (a * b and
// b * a for mul), so sub's pairs are all covered as b runs over every container. Where an
// operand is a NaN the order matters, and each case gets x86's NaN for its own operands.
template <const Format& F, Arith A>
Mismatches versus_binary64(Op op, Op sub_op, std::uint64_t n, bool all, std::uint64_t seed) {
  const std::vector<double> table = value_table(F);
  const double* value = table.data();
  const std::uint32_t sign_bit = 1u << (F.width() - 1);
  const unsigned threads = static_cast<unsigned>(
      std::min<std::uint64_t>(thread_count(), (n + kChunk - 1) / kChunk));
  std::atomic<std::uint64_t> next{0};
  std::vector<Mismatches> found(std::max(threads, 1u));
  const auto expect = [](Mismatches& out, Op o, std::uint32_t x, std::uint32_t y,
                         const oracle::Result& ours, const oracle::Result& want) {
    if (ours == want) [[likely]]
      return;
    const std::uint32_t w = (x << 16) | y;
    out.add(w, case_text(o, Rounding::rne, w) + ": oracle " + result_text(F, ours) +
                   " (oracle::arith " + result_text(F, oracle::arith(o, w, Rounding::rne)) +
                   "), binary64 " + result_text(F, want));
  };
  auto work = [&](Mismatches& out) {
    for (std::uint64_t c; (c = next.fetch_add(kChunk)) < n;)
      for (std::uint64_t i = c, e = std::min(n, c + kChunk); i < e; ++i) {
        const auto w = static_cast<std::uint32_t>(all ? i : splitmix64(seed + i));
        std::uint32_t a = w >> 16, b = w & 0xFFFF;
        if (a > b) {
          if (all) continue;  // checked as (b, a)
          std::swap(a, b);
        }
        const bool nan = std::isnan(value[a]) || std::isnan(value[b]);
        const oracle::Result hw = nan ? oracle::Result{} : by_hardware<F, A>(value, a, b);
        const auto want = [&](std::uint32_t x, std::uint32_t y) {
          return nan ? x86_nan(F, x, y) : hw;
        };
        const std::uint32_t na = a ^ sign_bit, nb = b ^ sign_bit;
        expect(out, op, a, b, by_oracle<F, A>(a, b), want(a, b));
        if constexpr (A == Arith::add)  // a - (-b); a NaN is passed on as given, not negated
          expect(out, sub_op, a, nb, by_oracle<F, Arith::sub>(a, nb), want(a, nb));
        if (a == b) continue;
        expect(out, op, b, a, by_oracle<F, A>(b, a), want(b, a));
        if constexpr (A == Arith::add)
          expect(out, sub_op, b, na, by_oracle<F, Arith::sub>(b, na), want(b, na));
      }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(work, std::ref(found[i]));
  work(found[0]);
  for (auto& t : pool) t.join();
  Mismatches m;
  for (auto& f : found) m.merge(std::move(f));
  return m;
}

// add (with sub) or mul of f16 or bf16.
class ArithVsBinary64 : public testing::TestWithParam<Op> {};

TEST_P(ArithVsBinary64, RneAllPairs) {
  const Op op = GetParam();
  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t n = kExhaustive ? kPairs : kHardwareSample;
  const std::uint64_t seed = kSeed ^ static_cast<std::uint64_t>(op);
  Mismatches m;
  std::string what(name(op));
  switch (op) {
    case Op::f16_add:
      m = versus_binary64<kBinary16, Arith::add>(op, Op::f16_sub, n, kExhaustive, seed);
      what += " and f16_sub";
      break;
    case Op::f16_mul:
      m = versus_binary64<kBinary16, Arith::mul>(op, op, n, kExhaustive, seed);
      break;
    case Op::bf16_add:
      m = versus_binary64<kBfloat16, Arith::add>(op, Op::bf16_sub, n, kExhaustive, seed);
      what += " and bf16_sub";
      break;
    case Op::bf16_mul:
      m = versus_binary64<kBfloat16, Arith::mul>(op, op, n, kExhaustive, seed);
      break;
    default: FAIL() << name(op) << ": not checked against binary64";
  }
  report(kExhaustive ? "ALL" : "SAMPLED", what + " rne pairs vs binary64", n, kPairs, start);
  expect_none(m, n, "binary64");
}

INSTANTIATE_TEST_SUITE_P(Ops, ArithVsBinary64,
                         testing::Values(Op::f16_add, Op::f16_mul, Op::bf16_add, Op::bf16_mul),
                         [](const auto& p) {
                           const std::string n(name(p.param));
                           return n.ends_with("add") ? n + "_sub" : n;
                         });

// ---------------------------------------------------------------------------------------------
// (c) NaN policies (nan_policy.hpp)

struct NanCase {
  const char* what;
  Op op;
  std::uint32_t word;
  NanPolicy policy;
  std::uint32_t expected;
  Flags flags;
};

void PrintTo(const NanCase& c, std::ostream* os) { *os << c.what; }

class NanPolicies : public testing::TestWithParam<NanCase> {};

TEST_P(NanPolicies, GiveTheirNan) {
  const NanCase& c = GetParam();
  for (Rounding r : kRoundings) {
    const oracle::Result got = oracle::arith(c.op, c.word, r, Tininess::after, c.policy);
    EXPECT_EQ(got, (oracle::Result{c.expected, c.flags}))
        << c.what << " under " << name(c.policy) << ", " << name(r) << ": got "
        << result_text(*info(c.op).src, got) << ", expected " << hex(*info(c.op).src, c.expected)
        << " " << hex_flags(c.flags);
  }
}

using enum NanPolicy;
constexpr Flags kNone = 0;

// f16: qNaN 7E01 (payload 1), sNaN FD02 (negative, payload 2, quieted FF02). bf16: qNaN 7FC1,
// sNaN FFA2 (quieted FFE2).
INSTANTIATE_TEST_SUITE_P(
    Cases, NanPolicies,
    testing::Values(
        // (qNaN, sNaN): x86 takes the first operand; Arm the signaling one; both signal invalid
        NanCase{"f16_add_q_s_x86", Op::f16_add, 0x7E01FD02, x86, 0x7E01, kInvalid},
        NanCase{"f16_add_q_s_arm", Op::f16_add, 0x7E01FD02, arm, 0xFF02, kInvalid},
        NanCase{"f16_add_q_s_arm_dn", Op::f16_add, 0x7E01FD02, arm_default_nan, 0x7E00, kInvalid},
        NanCase{"f16_add_q_s_canonical", Op::f16_add, 0x7E01FD02, canonical, 0x7FFF, kInvalid},
        // (sNaN, qNaN): the sNaN, quieted, under both x86 and Arm
        NanCase{"f16_mul_s_q_x86", Op::f16_mul, 0xFD027E01, x86, 0xFF02, kInvalid},
        NanCase{"f16_mul_s_q_arm", Op::f16_mul, 0xFD027E01, arm, 0xFF02, kInvalid},
        NanCase{"f16_mul_s_q_arm_dn", Op::f16_mul, 0xFD027E01, arm_default_nan, 0x7E00, kInvalid},
        NanCase{"f16_mul_s_q_canonical", Op::f16_mul, 0xFD027E01, canonical, 0x7FFF, kInvalid},
        // (qNaN, qNaN): the first, no flag
        NanCase{"f16_div_q_q_x86", Op::f16_div, 0x7E01FE03, x86, 0x7E01, kNone},
        NanCase{"f16_div_q_q_arm", Op::f16_div, 0x7E01FE03, arm, 0x7E01, kNone},
        NanCase{"f16_div_q_q_arm_dn", Op::f16_div, 0x7E01FE03, arm_default_nan, 0x7E00, kNone},
        // (number, qNaN): the NaN; a - b does not flip a NaN b
        NanCase{"f16_sub_1_q_x86", Op::f16_sub, 0x3C00FE03, x86, 0xFE03, kNone},
        NanCase{"f16_sub_1_q_arm", Op::f16_sub, 0x3C00FE03, arm, 0xFE03, kNone},
        NanCase{"f16_sub_1_q_canonical", Op::f16_sub, 0x3C00FE03, canonical, 0x7FFF, kNone},
        // invalid operations without NaN operands: the default NaN
        NanCase{"f16_inf_minus_inf_x86", Op::f16_sub, 0x7C007C00, x86, 0xFE00, kInvalid},
        NanCase{"f16_inf_minus_inf_arm", Op::f16_sub, 0x7C007C00, arm, 0x7E00, kInvalid},
        NanCase{"f16_zero_times_inf_arm_dn", Op::f16_mul, 0x00007C00, arm_default_nan, 0x7E00, kInvalid},
        NanCase{"f16_zero_over_zero_canonical", Op::f16_div, 0x00008000, canonical, 0x7FFF, kInvalid},
        NanCase{"f16_sqrt_minus_one_x86", Op::f16_sqrt, 0xBC00, x86, 0xFE00, kInvalid},
        NanCase{"f16_sqrt_minus_one_arm", Op::f16_sqrt, 0xBC00, arm, 0x7E00, kInvalid},
        NanCase{"f16_sqrt_snan_arm", Op::f16_sqrt, 0xFD02, arm, 0xFF02, kInvalid},
        NanCase{"bf16_add_q_s_x86", Op::bf16_add, 0x7FC1FFA2, x86, 0x7FC1, kInvalid},
        NanCase{"bf16_add_q_s_arm", Op::bf16_add, 0x7FC1FFA2, arm, 0xFFE2, kInvalid},
        NanCase{"bf16_add_s_q_x86", Op::bf16_add, 0xFFA27FC1, x86, 0xFFE2, kInvalid},
        NanCase{"bf16_add_q_s_arm_dn", Op::bf16_add, 0x7FC1FFA2, arm_default_nan, 0x7FC0, kInvalid},
        NanCase{"bf16_add_q_s_canonical", Op::bf16_add, 0x7FC1FFA2, canonical, 0x7FFF, kInvalid},
        NanCase{"bf16_div_inf_inf_x86", Op::bf16_div, 0x7F80FF80, x86, 0xFFC0, kInvalid},
        NanCase{"bf16_div_inf_inf_arm", Op::bf16_div, 0x7F80FF80, arm, 0x7FC0, kInvalid},
        NanCase{"bf16_mul_zero_inf_canonical", Op::bf16_mul, 0x80007F80, canonical, 0x7FFF, kInvalid},
        NanCase{"bf16_sqrt_minus_inf_x86", Op::bf16_sqrt, 0xFF80, x86, 0xFFC0, kInvalid}),
    [](const auto& p) { return std::string(p.param.what); });

class Banner : public testing::Environment {
 public:
  void SetUp() override {
    if (kExhaustive)
      std::printf("arith_oracle_exhaustive: all 2^32 pairs vs binary64 (add, sub, mul rne); "
                  "%llu random pairs per (op, mode) vs MPFR, seed 0x%016llX, %u threads\n",
                  static_cast<unsigned long long>(kRandomCount),
                  static_cast<unsigned long long>(kSeed), thread_count());
    else
      std::printf("*** arith_oracle: SAMPLED run, not exhaustive: edge pairs and %llu random "
                  "pairs per (op, mode) vs MPFR, %llu pairs per op vs binary64, seed "
                  "0x%016llX. Run arith_oracle_exhaustive (ctest -L exhaustive) for more. ***\n",
                  static_cast<unsigned long long>(kRandomCount),
                  static_cast<unsigned long long>(kHardwareSample),
                  static_cast<unsigned long long>(kSeed));
    std::fflush(stdout);
  }
};
[[maybe_unused]] testing::Environment* const kBanner =
    testing::AddGlobalTestEnvironment(new Banner);

}  // namespace
}  // namespace fpconform
