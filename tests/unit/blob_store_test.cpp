// The blob store writes each file once under its hash, byte for byte, whatever its length against the block size
// of direct writes, on a disk file system and on one without direct I/O (tmpfs), and leaves no temporary files.
#include "storage/blob_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "core/crypto.hpp"

namespace fs = std::filesystem;
using zp::storage::BlobStore;
using zp::storage::Incoming;

namespace {

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(gen() & 0xff);
  return s;
}

std::string sha256(std::string_view bytes) {
  zp::crypto::Sha256 h;
  h.update(bytes);
  return h.hex();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class BlobStoreTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    const fs::path base = GetParam();
    if (!fs::is_directory(base)) GTEST_SKIP() << base << " is not available";
    dir_ = base / ("zhiping-blobs-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  fs::path dir_;
  static inline int counter_ = 0;
};

TEST_P(BlobStoreTest, StoresEveryLengthByteForByte) {
  BlobStore store(dir_.string());
  // Around the 4 KiB block of direct writes, a typical scan, and more than the 1 MiB aligned buffer.
  const std::size_t sizes[] = {1, 4095, 4096, 4097, 8192, 200 * 1024 + 13, (1u << 20) + 4096 + 7};
  unsigned seed = 1;
  for (const auto size : sizes) {
    const auto bytes = random_bytes(size, seed++);
    const auto hash = sha256(bytes);
    const auto stored = store.put(Incoming{bytes, "", hash, static_cast<std::int64_t>(size)});
    EXPECT_EQ(stored.sha256, hash);
    const auto path = store.path_of(hash);
    ASSERT_TRUE(fs::exists(path)) << size;
    EXPECT_EQ(fs::file_size(path), size);
    EXPECT_TRUE(read_file(path) == bytes) << "content differs at size " << size;
  }
  EXPECT_TRUE(fs::is_empty(store.temp_dir())) << "no temporary file is left behind";
}

TEST_P(BlobStoreTest, TheSameContentIsStoredOnce) {
  BlobStore store(dir_.string());
  const auto bytes = random_bytes(10000, 7);
  const auto hash = sha256(bytes);
  store.put(Incoming{bytes, "", hash, 10000});
  store.put(Incoming{bytes, "", hash, 10000});
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir_ / "blobs"))
    if (e.is_regular_file()) ++files;
  EXPECT_EQ(files, 1u);
  EXPECT_TRUE(read_file(store.path_of(hash)) == bytes);
}

TEST_P(BlobStoreTest, AnIncompleteFileUnderTheNameIsReplaced) {
  // What a power cut between the rename and the flush can leave: the name, without the content.
  BlobStore store(dir_.string());
  const auto bytes = random_bytes(50000, 13);
  const auto hash = sha256(bytes);
  fs::create_directories(fs::path(store.path_of(hash)).parent_path());
  std::ofstream(store.path_of(hash), std::ios::binary) << std::string(50000, '\0');
  store.put(Incoming{bytes, "", hash, 50000});
  EXPECT_TRUE(read_file(store.path_of(hash)) == bytes);
}

TEST_P(BlobStoreTest, AFileArrivedOnDiskIsMovedIntoPlace) {
  BlobStore store(dir_.string());
  const auto bytes = random_bytes(3 * 1024 * 1024 + 5, 11);
  const auto hash = sha256(bytes);
  const auto temp = store.temp_dir() + "/arrived";
  std::ofstream(temp, std::ios::binary) << bytes;
  store.put(Incoming{{}, temp, hash, static_cast<std::int64_t>(bytes.size())});
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_TRUE(read_file(store.path_of(hash)) == bytes);
}

// /tmp is usually on the disk (direct writes); /dev/shm is tmpfs, which may refuse them.
INSTANTIATE_TEST_SUITE_P(FileSystems, BlobStoreTest, ::testing::Values("/tmp", "/dev/shm"));

}  // namespace
