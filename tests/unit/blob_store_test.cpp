// The blob store appends each file to a pack and reads it back byte for byte, whatever its length against the
// block size of direct writes, on a disk file system and on one without direct I/O (tmpfs); packs roll over when
// full, uploads flushed together are all kept, and files stored loose before packs are still read.
#include "storage/blob_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "core/crypto.hpp"

namespace fs = std::filesystem;
using zp::storage::BlobStore;
using zp::storage::Incoming;
using zp::storage::StoredBlob;

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
  std::vector<std::pair<StoredBlob, std::string>> kept;
  for (const auto size : sizes) {
    const auto bytes = random_bytes(size, seed++);
    const auto hash = sha256(bytes);
    const auto stored = store.put(Incoming{bytes, "", hash, static_cast<std::int64_t>(size)});
    EXPECT_EQ(stored.sha256, hash);
    EXPECT_EQ(stored.size, static_cast<std::int64_t>(size));
    EXPECT_FALSE(stored.pack.empty());
    EXPECT_EQ(stored.offset % 4096, 0) << "every blob starts on a block";
    if (!kept.empty()) {
      EXPECT_EQ(stored.pack, kept.back().first.pack) << "one pack while it has room";
      EXPECT_GE(stored.offset, kept.back().first.offset + kept.back().first.size) << "blobs do not overlap";
    }
    kept.emplace_back(stored, bytes);
  }
  for (const auto& [stored, bytes] : kept) EXPECT_TRUE(store.read(stored) == bytes) << "content differs at size " << bytes.size();
  // Read back by another store on the same folder (another server, or after a restart).
  BlobStore other(dir_.string());
  for (const auto& [stored, bytes] : kept) EXPECT_TRUE(other.read(stored) == bytes);
  EXPECT_TRUE(fs::is_empty(store.temp_dir())) << "no temporary file is left behind";
}

TEST_P(BlobStoreTest, AFullPackMakesWayForANewOne) {
  BlobStore store(dir_.string(), 64 * 1024);
  std::vector<std::pair<StoredBlob, std::string>> kept;
  for (unsigned i = 0; i < 5; ++i) {
    const auto bytes = random_bytes(40000, 20 + i);
    kept.emplace_back(store.put(Incoming{bytes, "", sha256(bytes), 40000}), bytes);
  }
  EXPECT_EQ(store.flush_written(), 0) << "the full packs' writes are flushed too";
  std::set<std::string> packs;
  for (const auto& [stored, bytes] : kept) {
    packs.insert(stored.pack);
    EXPECT_TRUE(store.read(stored) == bytes);
  }
  EXPECT_EQ(packs.size(), 5u) << "40 KB blobs in 64 KiB packs: one each";
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(store.pack_dir())) files += e.is_regular_file();
  EXPECT_EQ(files, 5u);
}

TEST_P(BlobStoreTest, UploadsFinishingTogetherAreAllKept) {
  BlobStore store(dir_.string());
  constexpr int kThreads = 8, kEach = 20;
  std::vector<std::vector<std::pair<StoredBlob, std::string>>> kept(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const auto bytes = random_bytes(5000 + static_cast<std::size_t>(t * 997 + i * 131), static_cast<unsigned>(100 + t * kEach + i));
        kept[t].emplace_back(store.put(Incoming{bytes, "", sha256(bytes), static_cast<std::int64_t>(bytes.size())}), bytes);
        EXPECT_EQ(store.flush_written(), 0);  // threads flushing at the same time share fdatasyncs
      }
    });
  for (auto& th : threads) th.join();
  std::set<std::int64_t> offsets;
  for (const auto& per : kept)
    for (const auto& [stored, bytes] : per) {
      EXPECT_TRUE(offsets.insert(stored.offset).second) << "two blobs at one offset";
      EXPECT_TRUE(store.read(stored) == bytes);
    }
  EXPECT_EQ(offsets.size(), static_cast<std::size_t>(kThreads * kEach));
}

TEST_P(BlobStoreTest, AFileArrivedOnDiskIsCopiedIntoThePack) {
  BlobStore store(dir_.string());
  const auto bytes = random_bytes(3 * 1024 * 1024 + 5, 11);
  const auto hash = sha256(bytes);
  const auto temp = store.temp_dir() + "/arrived";
  std::ofstream(temp, std::ios::binary) << bytes;
  const auto stored = store.put(Incoming{{}, temp, hash, static_cast<std::int64_t>(bytes.size())});
  EXPECT_TRUE(store.read(stored) == bytes);
}

TEST_P(BlobStoreTest, FilesStoredBeforePacksAreReadUnderTheirHash) {
  BlobStore store(dir_.string());
  const auto bytes = random_bytes(12345, 5);
  const auto hash = sha256(bytes);
  fs::create_directories(dir_ / "blobs" / hash.substr(0, 2));
  std::ofstream((dir_ / "blobs" / hash.substr(0, 2) / hash).string(), std::ios::binary) << bytes;
  EXPECT_TRUE(store.read(StoredBlob{hash, 12345, "", 0}) == bytes);
}

TEST_P(BlobStoreTest, AMissingOrShortFileIsAnErrorNotShortContent) {
  BlobStore store(dir_.string());
  const auto bytes = random_bytes(9000, 9);
  auto stored = store.put(Incoming{bytes, "", sha256(bytes), 9000});
  auto beyond = stored;
  beyond.offset += 1 << 30;
  EXPECT_THROW(store.read(beyond), std::system_error);
  auto missing = stored;
  missing.pack = "no-such-pack";
  EXPECT_THROW(store.read(missing), std::system_error);
  auto escaping = stored;
  escaping.pack = "../../etc/passwd";
  EXPECT_THROW(store.read(escaping), std::invalid_argument);
}

// /tmp is usually on the disk (direct writes); /dev/shm is tmpfs, which may refuse them.
INSTANTIATE_TEST_SUITE_P(FileSystems, BlobStoreTest, ::testing::Values("/tmp", "/dev/shm"));

}  // namespace
