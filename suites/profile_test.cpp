#include <gtest/gtest.h>

#include "reports/profile.hpp"

namespace fpconform {
namespace {

using K = DeviationKind;

std::vector<std::string> tolerated(std::string_view profile) {
  std::vector<std::string> out;
  const Profile p = *parse_profile(profile);
  for (const Tolerance& t : p.tolerated) out.emplace_back(name(t.kind));
  return out;
}

TEST(Profile, EachToleratesWhatDesignSays) {
  EXPECT_TRUE(tolerated("strict").empty());
  EXPECT_EQ(tolerated("ieee"), (std::vector<std::string>{"nan-payload"}));
  EXPECT_EQ(tolerated("ftz"), (std::vector<std::string>{"nan-payload", "ftz", "daz"}));
  EXPECT_EQ(tolerated("any-nan"), (std::vector<std::string>{"nan-payload", "ftz", "daz",
                                                            "nan-sign", "nan-quiet"}));
}

TEST(Profile, NoProfileToleratesALostNanOrAWrongValue) {
  for (const Profile& p : profiles()) {
    EXPECT_FALSE(p.tolerates(K::nan_lost)) << p.name;
    EXPECT_FALSE(p.tolerates(K::rounding)) << p.name;
    EXPECT_FALSE(p.tolerates(K::other)) << p.name;
    EXPECT_FALSE(p.tolerates(K::overflow)) << p.name;
  }
}

TEST(Profile, EveryToleranceNamesItsClause) {
  for (const Profile& p : profiles())
    for (const Tolerance& t : p.tolerated) EXPECT_FALSE(t.clause.empty()) << p.name;
}

TEST(Profile, UnknownNameIsRejected) { EXPECT_FALSE(parse_profile("lenient").has_value()); }

}  // namespace
}  // namespace fpconform
