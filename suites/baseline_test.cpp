// Baselines: the file format and its errors (each naming FILE:LINE and the field), the gate's
// semantics on runs made by hand, and --write-baseline's round trip on a real run of the
// known-bad bitfield backend.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "fpconform/error.hpp"
#include "checks/baseline.hpp"
#include "checks/compare.hpp"

namespace fpconform {
namespace {

using K = DeviationKind;
using RunT = fpconform::Run;  // inside TEST bodies, Run names testing::Test::Run

Baseline parse(std::string_view text, const std::string& file = "x.txt") {
  Baseline b;
  parse_baseline(text, file, b);
  return b;
}

std::string parse_error(std::string_view text) {
  try {
    parse(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// A completed run as compare() leaves it: untolerated and status follow the profile.
RunT run_of(std::initializer_list<std::pair<K, std::uint64_t>> kinds,
            std::string_view inputs = "edge", std::string_view profile = "strict",
            std::string_view shard = "") {
  RunT r;
  r.backend = "bitfield";
  r.op = "f32_to_f16";
  r.rounding = "rne";
  r.inputs = inputs;
  r.shard = shard;
  r.profile = profile;
  r.total = 10000;
  const Profile p = *parse_profile(profile);
  for (const auto& [k, n] : kinds) {
    r.by_kind[static_cast<int>(k)] = n;
    r.mismatches += n;
    if (!p.tolerates(k)) r.untolerated += n;
  }
  r.status = r.untolerated ? Status::failed : Status::passed;
  return r;
}

TEST(BaselineParse, ReadsEntriesCommentsAndNormalizesInputs) {
  const Baseline b = parse(
      "# backend op rounding kind count inputs reason\n"
      "\n"
      "   # indented comment\n"
      "libfp16  f32_to_f16  rne  nan-payload  16744448  exhaustive  \"returns the canonical NaN 0x7E00\"\n"
      "bitfield\tf32_to_f16\tnear_even\tother\t*\trandom:1000\t\"a # is not a comment here\"  # but here\n"
      "bitfield f16_to_f32 exact nan-quiet 2 edge \"16-bit sources are always exhaustive\"\r\n"
      "vendor f32_to_bf16 rtz ftz 7 * \"any inputs\"");
  ASSERT_EQ(b.entries.size(), 4u);
  const BaselineEntry& e = b.entries[0];
  EXPECT_EQ(e.backend, "libfp16");
  EXPECT_EQ(e.op, "f32_to_f16");
  EXPECT_EQ(e.rounding, "rne");
  EXPECT_EQ(e.kind, K::nan_payload);
  EXPECT_EQ(e.count, 16744448u);
  EXPECT_EQ(e.inputs, "exhaustive");
  EXPECT_EQ(e.reason, "returns the canonical NaN 0x7E00");
  EXPECT_EQ(e.where(), "x.txt:4");
  EXPECT_EQ(b.entries[1].rounding, "rne");  // TestFloat's name
  EXPECT_FALSE(b.entries[1].count.has_value());
  EXPECT_EQ(b.entries[1].inputs, "random:1000:1");  // as Run.inputs records it
  EXPECT_EQ(b.entries[1].reason, "a # is not a comment here");
  EXPECT_EQ(b.entries[2].inputs, "exhaustive");
  EXPECT_EQ(b.entries[2].where(), "x.txt:6");
  EXPECT_EQ(b.entries[3].inputs, "*");
  EXPECT_EQ(b.entries[3].text(), "vendor f32_to_bf16 rtz ftz 7 *");
}

TEST(BaselineParse, EachErrorNamesFileLineAndField) {
  const std::string good = "b f32_to_f16 rne other 1 edge \"why\"\n";
  EXPECT_EQ(parse_error("# c\n\n\n\n\n" + good + "b f32_to_f16 rne nan 1 edge \"why\"\n"),
            "x.txt:7: field 4 (kind): unknown kind 'nan' (rounding, ftz, daz, overflow, "
            "nan-lost, nan-quiet, nan-sign, nan-payload, signed-zero, flags, other, double-rounding)");
  EXPECT_EQ(parse_error("\"why\"\n"), "x.txt:1: field 1 (backend): missing (the quoted reason "
                                      "comes last, after 6 fields)");
  EXPECT_EQ(parse_error("b f32_to_f8 rne other 1 edge \"why\""),
            "x.txt:1: field 2 (op): unknown op 'f32_to_f8'");
  EXPECT_EQ(parse_error("b f32_to_f16 nearest other 1 edge \"why\""),
            "x.txt:1: field 3 (rounding): unknown rounding 'nearest' for f32_to_f16 (rne, rtz, "
            "rdn, rup, rna)");
  EXPECT_EQ(parse_error("b f32_to_f16 exact other 1 edge \"why\""),
            "x.txt:1: field 3 (rounding): unknown rounding 'exact' for f32_to_f16 (rne, rtz, "
            "rdn, rup, rna)");
  EXPECT_EQ(parse_error("b f16_to_f32 rne other 1 edge \"why\""),
            "x.txt:1: field 3 (rounding): 'rne' for f16_to_f32, which is exact: write 'exact'");
  EXPECT_EQ(parse_error("b f32_to_f16 rne other 12x edge \"why\""),
            "x.txt:1: field 5 (count): not a decimal count or '*': '12x'");
  EXPECT_EQ(parse_error("b f32_to_f16 rne other -1 edge \"why\""),
            "x.txt:1: field 5 (count): not a decimal count or '*': '-1'");
  EXPECT_EQ(parse_error("b f32_to_f16 rne other 99999999999999999999 edge \"why\""),
            "x.txt:1: field 5 (count): not a decimal count or '*': '99999999999999999999'");
  EXPECT_EQ(parse_error("b f32_to_f16 rne other 1 random:x \"why\""),
            "x.txt:1: field 6 (inputs): unknown inputs 'random:x' (exhaustive, edge, "
            "random:N[:SEED], value:HEX[,HEX...] or *)");
  EXPECT_EQ(parse_error("b f32_to_f16 rne other 1"), "x.txt:1: field 6 (inputs): missing");
  EXPECT_EQ(parse_error("b f32_to_f16 rne other 1 edge"),
            "x.txt:1: field 7 (reason): missing: a double-quoted reason ends the entry");
  EXPECT_EQ(parse_error("b f32_to_f16 rne other 1 edge why"),
            "x.txt:1: field 7 (reason): expected a double-quoted reason, got 'why'");
  EXPECT_EQ(parse_error("b f32_to_f16 rne other 1 edge \"why"),
            "x.txt:1: field 7 (reason): no closing double quote");
  EXPECT_EQ(parse_error("b f32_to_f16 rne other 1 edge \"  \""),
            "x.txt:1: field 7 (reason): empty: say why the deviation is accepted");
  EXPECT_EQ(parse_error("b f32_to_f16 rne other 1 edge \"why\" more"),
            "x.txt:1: text after the reason: 'more'");
  EXPECT_EQ(parse_error(good), "no error");
}

TEST(BaselineParse, DuplicatesAreErrorsEvenAcrossFilesAndSpellings) {
  EXPECT_EQ(parse_error("b f32_to_f16 rne other 1 random:10 \"a\"\n"
                        "b f32_to_f16 near_even other 2 random:10:1 \"b\"\n"),
            "x.txt:2: duplicate entry 'b f32_to_f16 rne other random:10:1', first at x.txt:1");
  // Same key but another kind, inputs or backend: distinct entries.
  EXPECT_EQ(parse("b f32_to_f16 rne other 1 edge \"a\"\nb f32_to_f16 rne ftz 1 edge \"a\"\n"
                  "b f32_to_f16 rne other 1 * \"a\"\nc f32_to_f16 rne other 1 edge \"a\"\n")
                .entries.size(),
            4u);

  const auto dir = std::filesystem::temp_directory_path() /
                   ("fpconform_baseline_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "b.txt") << "# second\nbitfield f32_to_f16 rne ftz 5 edge \"b\"\n";
  std::ofstream(dir / "a.txt") << "bitfield f32_to_f16 rne other 5 edge \"a\"\n";
  std::ofstream(dir / "notes.md") << "not a baseline\n";
  const std::vector<std::string> paths{dir.string()};
  const Baseline b = read_baselines(paths);
  ASSERT_EQ(b.entries.size(), 2u);  // notes.md is not read; a.txt comes first
  EXPECT_EQ(b.entries[0].where(), (dir / "a.txt").string() + ":1");
  EXPECT_EQ(b.entries[1].where(), (dir / "b.txt").string() + ":2");

  std::ofstream(dir / "c.txt") << "bitfield f32_to_f16 rne other 6 edge \"again\"\n";
  try {
    read_baselines(paths);
    ADD_FAILURE() << "a duplicate across files was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "c.txt").string() +
                                         ":1: duplicate entry 'bitfield f32_to_f16 rne other "
                                         "edge', first at " + (dir / "a.txt").string() + ":1");
  }
  const std::vector<std::string> missing{(dir / "none.txt").string()};
  EXPECT_THROW(read_baselines(missing), InputError);
  std::filesystem::remove_all(dir);
}

constexpr std::string_view kBitfield =
    "bitfield f32_to_f16 rne other 10 edge \"clamped exponent\"\n"
    "bitfield f32_to_f16 rne ftz 4 edge \"no subnormals\"\n";

TEST(BaselineGate, ExactCountPasses) {
  std::vector<RunT> runs{run_of({{K::other, 10}, {K::ftz, 4}})};
  const GateResult g = apply_baseline(parse(kBitfield), runs);
  EXPECT_EQ(runs[0].status, Status::passed);
  EXPECT_EQ(runs[0].baselined, 14u);
  EXPECT_TRUE(runs[0].gate.empty());
  EXPECT_FALSE(runs[0].stale);
  EXPECT_EQ(g.accepted, 14u);
  EXPECT_FALSE(g.failed);
  EXPECT_TRUE(g.stale.empty());
  EXPECT_TRUE(g.unmatched.empty());
}

TEST(BaselineGate, MoreFails) {
  std::vector<RunT> runs{run_of({{K::other, 11}, {K::ftz, 4}})};
  const GateResult g = apply_baseline(parse(kBitfield), runs);
  EXPECT_EQ(runs[0].status, Status::failed);
  EXPECT_FALSE(runs[0].stale);
  EXPECT_EQ(runs[0].baselined, 4u);
  EXPECT_EQ(runs[0].gate, std::vector<std::string>{"beyond baseline: other 11 > 10 (x.txt:1)"});
  EXPECT_TRUE(g.failed);
}

TEST(BaselineGate, FewerIsStale) {
  std::vector<RunT> runs{run_of({{K::other, 9}, {K::ftz, 4}})};
  const GateResult g = apply_baseline(parse(kBitfield), runs);
  EXPECT_EQ(runs[0].status, Status::failed);
  EXPECT_TRUE(runs[0].stale);
  EXPECT_EQ(runs[0].baselined, 13u);
  EXPECT_EQ(runs[0].gate, std::vector<std::string>{
                              "improved: other 9 < 10; update the baseline entry at x.txt:1 to 9"});
  EXPECT_TRUE(g.failed);
}

TEST(BaselineGate, KindNotObservedIsStale) {
  std::vector<RunT> runs{run_of({{K::other, 10}})};
  const GateResult g = apply_baseline(parse(kBitfield), runs);
  const std::string stale = "stale: x.txt:2 bitfield f32_to_f16 rne ftz 4 edge no longer observed: remove it";
  EXPECT_EQ(g.stale, std::vector<std::string>{stale});
  EXPECT_TRUE(g.failed);
  // The run is within its other entry, but fails as stale so that its reports say why.
  EXPECT_EQ(runs[0].status, Status::failed);
  EXPECT_TRUE(runs[0].stale);
  EXPECT_EQ(runs[0].gate, std::vector<std::string>{stale});
}

TEST(BaselineGate, UnlistedKindFailsAsWithoutABaseline) {
  std::vector<RunT> runs{run_of({{K::other, 10}, {K::ftz, 4}, {K::rounding, 3}})};
  const GateResult g = apply_baseline(parse(kBitfield), runs);
  EXPECT_EQ(runs[0].status, Status::failed);
  EXPECT_EQ(runs[0].gate, std::vector<std::string>{"not in baseline: rounding 3"});
  EXPECT_TRUE(g.failed);
}

TEST(BaselineGate, StarCountAcceptsAnyCountButNotAbsence) {
  const Baseline b = parse("bitfield f32_to_f16 rne other * edge \"varies\"\n");
  for (std::uint64_t n : {1u, 10u, 123456u}) {
    std::vector<RunT> runs{run_of({{K::other, n}})};
    EXPECT_FALSE(apply_baseline(b, runs).failed) << n;
    EXPECT_EQ(runs[0].baselined, n);
  }
  std::vector<RunT> none{run_of({{K::ftz, 2}})};
  const GateResult g = apply_baseline(b, none);
  EXPECT_EQ(g.stale.size(), 1u);  // still stale once the kind is gone
  EXPECT_EQ(none[0].status, Status::failed);  // and ftz is not listed
}

TEST(BaselineGate, StarInputsAcceptAnyInputsButAnExactEntryWins) {
  const Baseline b = parse("bitfield f32_to_f16 rne other 10 * \"any inputs\"\n");
  std::vector<RunT> runs{run_of({{K::other, 10}}, "edge"),
                         run_of({{K::other, 777}}, "random:1000000:1"),
                         run_of({{K::other, 3}}, "exhaustive")};
  const GateResult g = apply_baseline(b, runs);
  EXPECT_FALSE(g.failed);
  for (const RunT& r : runs) EXPECT_EQ(r.status, Status::passed) << r.inputs;
  EXPECT_EQ(g.accepted, 790u);

  const Baseline both = parse("bitfield f32_to_f16 rne other * * \"any inputs\"\n"
                              "bitfield f32_to_f16 rne other 5 edge \"on edge exactly 5\"\n");
  std::vector<RunT> edge{run_of({{K::other, 6}}, "edge"), run_of({{K::other, 6}}, "random:10:1")};
  apply_baseline(both, edge);
  EXPECT_EQ(edge[0].status, Status::failed);
  EXPECT_EQ(edge[0].gate, std::vector<std::string>{"beyond baseline: other 6 > 5 (x.txt:2)"});
  EXPECT_EQ(edge[1].status, Status::passed);
}

TEST(BaselineGate, ShardCountsAreUpperBounds) {
  const Baseline b = parse(
      "bitfield f32_to_f16 rne other 100 exhaustive \"x\"\n"
      "bitfield f32_to_f16 rne ftz 40 exhaustive \"y\"\n");
  std::vector<RunT> shards{run_of({{K::other, 60}}, "exhaustive", "strict", "0/2"),
                           run_of({{K::other, 40}, {K::ftz, 40}}, "exhaustive", "strict", "1/2")};
  GateResult g = apply_baseline(b, shards);
  EXPECT_FALSE(g.failed);  // fewer is fine, and ftz missing from shard 0 is not stale
  EXPECT_TRUE(g.stale.empty());
  EXPECT_EQ(shards[0].status, Status::passed);
  EXPECT_EQ(shards[1].status, Status::passed);

  std::vector<RunT> beyond{run_of({{K::other, 101}}, "exhaustive", "strict", "0/2")};
  g = apply_baseline(b, beyond);
  EXPECT_EQ(beyond[0].status, Status::failed);
  EXPECT_EQ(beyond[0].gate, std::vector<std::string>{
                                "beyond baseline: other 101 > 100 (x.txt:1)"});

  std::vector<RunT> whole{run_of({{K::other, 60}}, "exhaustive")};  // the same, not sharded
  g = apply_baseline(b, whole);
  EXPECT_TRUE(whole[0].stale);
  EXPECT_EQ(g.stale.size(), 1u);  // ftz
}

TEST(BaselineGate, AKindTheProfileToleratesNeedsNoEntry) {
  const Baseline b = parse(kBitfield);
  std::vector<RunT> ieee{run_of({{K::other, 10}, {K::ftz, 4}, {K::nan_payload, 8}}, "edge", "ieee")};
  EXPECT_FALSE(apply_baseline(b, ieee).failed);
  EXPECT_EQ(ieee[0].status, Status::passed);
  EXPECT_EQ(ieee[0].baselined, 14u);

  std::vector<RunT> strict{run_of({{K::other, 10}, {K::ftz, 4}, {K::nan_payload, 8}})};
  EXPECT_TRUE(apply_baseline(b, strict).failed);
  EXPECT_EQ(strict[0].gate, std::vector<std::string>{"not in baseline: nan-payload 8"});

  // Under ftz the entry for ftz is not consulted, but the kind is observed: not stale.
  std::vector<RunT> ftz{run_of({{K::other, 10}, {K::ftz, 99}}, "edge", "ftz")};
  const GateResult g = apply_baseline(b, ftz);
  EXPECT_FALSE(g.failed);
  EXPECT_EQ(ftz[0].baselined, 10u);
}

// A run with a problem besides its deviations (a plug-in's stray write) is not the baseline's to
// pass, even where every deviation is listed.
TEST(BaselineGate, ARunWithAProblemStaysFailed) {
  std::vector<RunT> runs{run_of({{K::other, 10}, {K::ftz, 4}})};
  runs[0].status = Status::failed;
  runs[0].problems = {"wrote past its output"};
  apply_baseline(parse(kBitfield), runs);
  EXPECT_EQ(runs[0].status, Status::failed);
  EXPECT_EQ(runs[0].baselined, 0u);
}

TEST(BaselineGate, EntriesMatchingNoCompletedRunAreOnlyCounted) {
  const Baseline b = parse(std::string(kBitfield) +
                           "cuda f32_to_f16 rne ftz 4 edge \"not here\"\n"
                           "bitfield f32_to_f16 rtz other 1 edge \"not selected\"\n");
  std::vector<RunT> runs{run_of({{K::other, 10}, {K::ftz, 4}})};
  RunT skipped;
  skipped.backend = "cuda";
  skipped.op = "f32_to_f16";
  skipped.rounding = "rne";
  skipped.inputs = "edge";
  skipped.profile = "strict";
  skipped.status = Status::skipped;
  skipped.reason = "no GPU";
  runs.push_back(skipped);
  const GateResult g = apply_baseline(b, runs);
  EXPECT_FALSE(g.failed);
  ASSERT_EQ(g.unmatched.size(), 2u);
  EXPECT_EQ(g.unmatched[0]->where(), "x.txt:3");
  EXPECT_EQ(g.unmatched[1]->where(), "x.txt:4");
  EXPECT_EQ(runs[1].status, Status::skipped);  // never turned into passed
}

TEST(BaselineGate, ApplyingTwiceGivesTheSame) {
  const Baseline b = parse(kBitfield);
  std::vector<RunT> runs{run_of({{K::other, 11}, {K::ftz, 4}})};
  apply_baseline(b, runs);
  const RunT once = runs[0];
  apply_baseline(b, runs);
  EXPECT_EQ(runs[0].status, once.status);
  EXPECT_EQ(runs[0].baselined, once.baselined);
  EXPECT_EQ(runs[0].gate, once.gate);
}

// --write-baseline on real runs of the bitfield backend: the file reads back and makes the same
// runs pass; one entry less and they fail again.
TEST(BaselineWrite, RoundTripOnTheBitfieldBackend) {
  const Backend* bitfield = find_backend("bitfield");
  ASSERT_NE(bitfield, nullptr);
  std::vector<RunT> runs;
  for (Op op : {Op::f32_to_f16, Op::f16_to_f32})
    for (const char* spec : {"edge", "random:20000:7"})
      runs.push_back(compare(*bitfield, op, Rounding::rne, InputSet(op, *InputSpec::parse(spec)), {}));
  for (const RunT& r : runs) ASSERT_EQ(r.status, Status::failed) << r.op << " " << r.inputs;
  std::uint64_t untolerated = 0;
  for (const RunT& r : runs) untolerated += r.untolerated;
  ASSERT_GT(untolerated, 0u) << "bitfield is known-bad: it must deviate";

  const std::string text = write_baseline(runs, nullptr, "written by the test");
  EXPECT_NE(text.find("\"TODO: reason\""), std::string::npos);
  const Baseline b = parse(text, "written.txt");
  EXPECT_GT(b.entries.size(), 2u);
  std::vector<RunT> again = runs;
  const GateResult g = apply_baseline(b, again);
  EXPECT_FALSE(g.failed) << text;
  EXPECT_TRUE(g.stale.empty());
  EXPECT_TRUE(g.unmatched.empty());
  EXPECT_EQ(g.accepted, untolerated);
  for (const RunT& r : again) EXPECT_EQ(r.status, Status::passed) << r.op << " " << r.inputs;

  // A reason from the previous baseline is kept.
  Baseline previous = b;
  previous.entries[0].reason = "explained";
  const Baseline rewritten = parse(write_baseline(runs, &previous), "rewritten.txt");
  EXPECT_EQ(rewritten.entries[0].reason, "explained");
  EXPECT_EQ(rewritten.entries[1].reason, "TODO: reason");

  Baseline fewer = b;
  fewer.entries.erase(fewer.entries.begin());
  std::vector<RunT> third = runs;
  EXPECT_TRUE(apply_baseline(fewer, third).failed);
}

}  // namespace
}  // namespace fpconform
