#pragma once
// Content-addressed files: each stored once under its SHA-256. New files are appended to pack files
// (DATA/blobs/packs/<name>.pack), one open pack per server process; the database row of a blob names its pack and
// offset. Files stored before packs existed stay loose, in DATA/blobs/ab/abcdef….
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace zp::storage {

// Where a blob's bytes are: `size` bytes at `offset` of the pack `pack`, or the loose file of its hash when
// `pack` is empty.
struct StoredBlob {
  std::string sha256;
  std::int64_t size = 0;
  std::string pack;
  std::int64_t offset = 0;
};

// A file as received: its bytes in memory, or in a temporary file when it was large, with the SHA-256 computed
// while it arrived.
struct Incoming {
  std::string_view bytes;  // when temp_path is empty
  std::string temp_path;
  std::string sha256;
  std::int64_t size = 0;
};

// A range of a file on disk that holds one blob.
struct BlobFile {
  std::string path;
  std::int64_t offset = 0;
  std::int64_t size = 0;
};

class BlobStore {
 public:
  explicit BlobStore(std::string data_dir, std::int64_t pack_limit = std::int64_t(1) << 30);
  ~BlobStore();
  BlobStore(const BlobStore&) = delete;
  BlobStore& operator=(const BlobStore&) = delete;

  // Appends the file to this process's pack. It is on disk once flush_written() has returned 0 after put()
  // returned: the database calls it before any commit becomes durable (Database::set_before_durable), so a row
  // naming the blob is never on disk without the blob's bytes. The caller skips this when the database already
  // holds a blob of the same hash.
  StoredBlob put(const Incoming& file);
  // Flushes every pack write that has finished; 0, or the errno of a failed flush (that pack takes no more
  // writes). Callers at the same time share one flush per pack. Never throws.
  int flush_written() noexcept;
  BlobFile file_of(const StoredBlob& b) const;
  // Reads a whole blob (for answering a download); throws std::system_error when it cannot.
  std::string read(const StoredBlob& b) const;
  std::string temp_dir() const { return root_ + "/tmp"; }
  std::string pack_dir() const { return root_ + "/blobs/packs"; }

  struct Pack;

 private:
  // The pack to write `bytes` into and the offset reserved there; a new pack when the open one is full.
  std::shared_ptr<Pack> reserve(std::int64_t bytes, std::int64_t& offset);

  std::string root_;
  std::int64_t pack_limit_;
  std::mutex mu_;
  std::shared_ptr<Pack> open_;
  std::vector<std::shared_ptr<Pack>> retired_;  // full packs whose last writes are not flushed yet
};

}  // namespace zp::storage
