// The pieces of names the search index keeps, by character rather than byte.
#include <gtest/gtest.h>

#include "db/name_index.hpp"

using zp::db::name_grams;
using zp::db::search_gram;

TEST(NameIndex, OneAndTwoCharacterPiecesOfAChineseName) {
  EXPECT_EQ(name_grams("王伟芳"), (std::vector<std::string>{"伟", "伟芳", "王", "王伟", "芳"}));
  EXPECT_EQ(name_grams("李明"), (std::vector<std::string>{"明", "李", "李明"}));
}

TEST(NameIndex, RepeatedPiecesOnceAndMixedScripts) {
  EXPECT_EQ(name_grams("丽丽"), (std::vector<std::string>{"丽", "丽丽"}));
  EXPECT_EQ(name_grams("Ab"), (std::vector<std::string>{"A", "Ab", "b"}));
  EXPECT_TRUE(name_grams("").empty());
}

TEST(NameIndex, ASearchLooksUpItsFirstTwoCharacters) {
  EXPECT_EQ(search_gram("王伟芳"), "王伟");
  EXPECT_EQ(search_gram("王"), "王");
  EXPECT_EQ(search_gram("示范第一人民医院"), "示范");
  EXPECT_EQ(search_gram(""), "");
}
