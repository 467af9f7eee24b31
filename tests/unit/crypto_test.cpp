#include <gtest/gtest.h>

#include "core/crypto.hpp"

using namespace zp;

class Crypto : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::init(); }
};

TEST_F(Crypto, PasswordHashIsArgon2idAndVerifies) {
  const auto h = crypto::hash_password("correct horse");
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(crypto::verify_password(h, "correct horse"));
  EXPECT_FALSE(crypto::verify_password(h, "correct horsE"));
  EXPECT_FALSE(crypto::verify_password(h, ""));
  EXPECT_NE(h, crypto::hash_password("correct horse"));  // salted
}

TEST_F(Crypto, Sha256KnownAnswer) {
  EXPECT_EQ(crypto::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(Crypto, Sha256InPiecesEqualsWhole) {
  std::string data;
  for (int i = 0; i < 100000; ++i) data += static_cast<char>(i * 7);
  crypto::Sha256 pieces;
  for (std::size_t at = 0; at < data.size(); at += 4099) pieces.update(std::string_view(data).substr(at, 4099));
  pieces.update("");
  EXPECT_EQ(pieces.hex(), crypto::sha256_hex(data));
}

TEST_F(Crypto, RandomTokensDiffer) {
  const auto a = crypto::random_token(32), b = crypto::random_token(32);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_TRUE(crypto::equal_constant_time(a, a));
  EXPECT_FALSE(crypto::equal_constant_time(a, b));
  EXPECT_FALSE(crypto::equal_constant_time(a, a.substr(1)));
}
