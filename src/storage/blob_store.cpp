#include "storage/blob_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <cerrno>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "core/crypto.hpp"

namespace zp::storage {

namespace fs = std::filesystem;

namespace {
// An upload is answered only once its file would survive a power cut, like the database row that names it.
void flush_fd(int fd, const std::string& path, bool folder = false) {
  while ((folder ? ::fsync(fd) : ::fdatasync(fd)) != 0)
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "cannot flush " + path);
}

void flush_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot open " + path);
  try {
    flush_fd(fd, path, (flags & O_DIRECTORY) != 0);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
}

// Writes as much of `bytes` as it can; 0, or the errno that stopped it (`bytes` then holds what is left).
int write_some(int fd, std::string_view& bytes) {
  while (!bytes.empty()) {
    const auto n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : EIO;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

// Files go past the page cache where the file system allows it (O_DIRECT): a stored file is seldom read again
// soon, and copying it into the cache was the largest single cost of an upload. Direct writes need the memory, the
// length and the offset aligned to the block size, so whole blocks are copied into an aligned buffer of the thread
// and written from there, and the tail goes through the cache. Anything refused falls back to cached writes.
constexpr std::size_t kBlock = 4096;
constexpr std::size_t kDirectBuffer = 1 << 20;

int write_direct(int fd, std::string_view& bytes) {
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  thread_local std::unique_ptr<char, Free> buffer(static_cast<char*>(std::aligned_alloc(kBlock, kDirectBuffer)));
  if (!buffer) return EINVAL;
  while (bytes.size() >= kBlock) {
    const auto whole = std::min(bytes.size() / kBlock * kBlock, kDirectBuffer);
    std::memcpy(buffer.get(), bytes.data(), whole);
    std::string_view block(buffer.get(), whole);
    if (const int err = write_some(fd, block)) {
      if (block.size() != whole) return EIO;  // part of it written: the offset is no longer known to be aligned
      return err;
    }
    bytes.remove_prefix(whole);
  }
  return 0;
}

void write_new_file(const std::string& path, std::string_view bytes) {
  constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
  int fd = ::open(path.c_str(), kFlags | O_DIRECT, 0666);
  bool direct = fd >= 0;
  if (fd < 0 && errno == EINVAL) fd = ::open(path.c_str(), kFlags, 0666);  // a file system without direct I/O
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot create " + path);
  int err = 0;
  if (direct) {
    err = write_direct(fd, bytes);
    if (err == EINVAL) err = 0;  // refused as a whole: write it through the cache below
    if (!err && ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_DIRECT) != 0) err = errno;
  }
  if (!err) err = write_some(fd, bytes);
  ::close(fd);
  if (err) {
    ::unlink(path.c_str());
    throw std::system_error(err, std::generic_category(), "cannot write " + path);
  }
}

// rename(2), creating the two-character folder on first use; then the file and its folder (and a new folder's
// parent) are flushed, so that content and name survive a power cut. Flushing the file after the rename lets a
// journaling file system make both durable in one commit; the folder's flush then finds little left to do. A
// crash before the flush can leave an incomplete file under the name, which no database row names yet: `put`
// checks the content of a file it finds before it trusts it.
void move_into_place(const std::string& from, const std::string& to) {
  const auto folder = fs::path(to).parent_path();
  bool new_folder = false;
  if (::rename(from.c_str(), to.c_str()) != 0) {
    if (errno != ENOENT) throw std::system_error(errno, std::generic_category(), "cannot store " + to);
    fs::create_directories(folder);
    fs::rename(from, to);  // same file system (DATA/tmp → DATA/blobs): atomic
    new_folder = true;
  }
  flush_path(to, O_RDONLY);
  flush_path(folder.string(), O_RDONLY | O_DIRECTORY);
  if (new_folder) flush_path(folder.parent_path().string(), O_RDONLY | O_DIRECTORY);
}

// Whether the file at `path` holds exactly the content of this hash.
bool holds(const std::string& path, const std::string& sha256) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  crypto::Sha256 hash;
  std::string chunk(256 * 1024, '\0');
  bool ok = true;
  for (;;) {
    const auto n = ::read(fd, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ok = false;
    if (n <= 0) break;
    hash.update({chunk.data(), static_cast<std::size_t>(n)});
  }
  ::close(fd);
  return ok && hash.hex() == sha256;
}
}  // namespace

BlobStore::BlobStore(std::string data_dir) : root_(std::move(data_dir)) {
  fs::create_directories(root_ + "/blobs");
  fs::create_directories(temp_dir());
}

std::string BlobStore::path_of(const std::string& sha256) const { return root_ + "/blobs/" + sha256.substr(0, 2) + "/" + sha256; }

StoredBlob BlobStore::put(const Incoming& file) {
  const StoredBlob b{file.sha256, file.size};
  const std::string dest = path_of(b.sha256);
  if (!file.temp_path.empty()) {
    move_into_place(file.temp_path, dest);  // the same content already there is replaced by itself
    return b;
  }
  if (holds(dest, b.sha256)) return b;  // deduplicated: the same content is already stored
  static std::atomic<std::uint64_t> serial{0};
  const std::string temp = temp_dir() + "/blob-" + std::to_string(::getpid()) + "-" + std::to_string(++serial) + "-" +
                           crypto::random_token(6);
  write_new_file(temp, file.bytes);
  try {
    move_into_place(temp, dest);
  } catch (...) {
    ::unlink(temp.c_str());
    throw;
  }
  return b;
}

}  // namespace zp::storage
