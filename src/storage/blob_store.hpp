#pragma once
// Content-addressed files: each stored once under its SHA-256, in DATA/blobs/ab/abcdef….
#include <cstdint>
#include <string>

namespace zp::storage {

struct StoredBlob {
  std::string sha256;
  std::int64_t size = 0;
};

class BlobStore {
 public:
  explicit BlobStore(std::string data_dir);
  // Hashes the file while reading it once, then moves it into place (or drops it when that content exists).
  StoredBlob put_file(const std::string& temp_path);
  std::string path_of(const std::string& sha256) const;
  std::string temp_dir() const { return root_ + "/tmp"; }

 private:
  std::string root_;
};

std::string sha256_file(const std::string& path, std::int64_t* size);

}  // namespace zp::storage
