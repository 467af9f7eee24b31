#include "storage/blob_store.hpp"

#include <openssl/evp.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace zp::storage {

namespace fs = std::filesystem;

std::string sha256_file(const std::string& path, std::int64_t* size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  std::array<char, 64 * 1024> buf;
  std::int64_t total = 0;
  while (in) {
    in.read(buf.data(), buf.size());
    const auto n = in.gcount();
    if (n > 0) EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<std::size_t>(n)), total += n;
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), md, &len);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(len * 2, '0');
  for (unsigned i = 0; i < len; ++i) out[2 * i] = hex[md[i] >> 4], out[2 * i + 1] = hex[md[i] & 15];
  if (size) *size = total;
  return out;
}

BlobStore::BlobStore(std::string data_dir) : root_(std::move(data_dir)) {
  fs::create_directories(root_ + "/blobs");
  fs::create_directories(temp_dir());
}

std::string BlobStore::path_of(const std::string& sha256) const { return root_ + "/blobs/" + sha256.substr(0, 2) + "/" + sha256; }

StoredBlob BlobStore::put_file(const std::string& temp_path) {
  StoredBlob b;
  b.sha256 = sha256_file(temp_path, &b.size);
  const std::string dest = path_of(b.sha256);
  fs::create_directories(fs::path(dest).parent_path());
  if (fs::exists(dest)) {
    fs::remove(temp_path);  // deduplicated: the same content is already stored
  } else {
    fs::rename(temp_path, dest);  // same file system (DATA/tmp → DATA/blobs): atomic
  }
  return b;
}

}  // namespace zp::storage
