#pragma once
// Content-addressed files: each stored once under its SHA-256, in DATA/blobs/ab/abcdef….
#include <cstdint>
#include <string>
#include <string_view>

namespace zp::storage {

struct StoredBlob {
  std::string sha256;
  std::int64_t size = 0;
};

// A file as received: its bytes in memory, or in a temporary file when it was large, with the SHA-256 computed
// while it arrived.
struct Incoming {
  std::string_view bytes;  // when temp_path is empty
  std::string temp_path;
  std::string sha256;
  std::int64_t size = 0;
};

class BlobStore {
 public:
  explicit BlobStore(std::string data_dir);
  // Stores the file under its hash (nothing to write when that content is already stored); a temporary file is
  // moved into place.
  StoredBlob put(const Incoming& file);
  std::string path_of(const std::string& sha256) const;
  std::string temp_dir() const { return root_ + "/tmp"; }

 private:
  std::string root_;
};

}  // namespace zp::storage
