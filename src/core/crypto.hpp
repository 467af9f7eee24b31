#pragma once
// Hashing, random tokens and password hashing (libsodium; SHA-256 from OpenSSL).
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace zp::crypto {

void init();  // once at start: libsodium
std::string sha256_hex(std::string_view data);

// SHA-256 of data that arrives in pieces (an upload, hashed while it is read).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  std::string hex();  // ends the hash

 private:
  evp_md_ctx_st* ctx_;
};
std::string random_token(std::size_t bytes = 32);  // URL-safe base64, no padding
bool equal_constant_time(std::string_view a, std::string_view b);

struct PasswordCost {
  unsigned long long ops = 2;
  std::size_t mem_bytes = 19u * 1024u * 1024u;  // Argon2id m=19 MiB, t=2 (OWASP minimum)
};
std::string hash_password(std::string_view password, const PasswordCost& cost = {});
bool verify_password(std::string_view hash, std::string_view password);

}  // namespace zp::crypto
