#pragma once
// Hashing, random tokens and password hashing (libsodium; SHA-256 from OpenSSL).
#include <string>
#include <string_view>

namespace zp::crypto {

void init();  // once at start: libsodium
std::string sha256_hex(std::string_view data);
std::string random_token(std::size_t bytes = 32);  // URL-safe base64, no padding
bool equal_constant_time(std::string_view a, std::string_view b);

struct PasswordCost {
  unsigned long long ops = 2;
  std::size_t mem_bytes = 19u * 1024u * 1024u;  // Argon2id m=19 MiB, t=2 (OWASP minimum)
};
std::string hash_password(std::string_view password, const PasswordCost& cost = {});
bool verify_password(std::string_view hash, std::string_view password);

}  // namespace zp::crypto
