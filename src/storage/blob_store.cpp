#include "storage/blob_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "core/crypto.hpp"
#include "core/time.hpp"

namespace zp::storage {

namespace fs = std::filesystem;

namespace {
// Blobs start on block boundaries so that they can be written past the page cache (O_DIRECT), which needs the
// memory, the length and the offset aligned to the block size: a stored file is seldom read again soon, and
// copying it into the cache was the largest single cost of an upload.
constexpr std::int64_t kBlock = 4096;
constexpr std::size_t kBuffer = 1 << 20;
// Packs grow by this much at a time (fallocate), so that the file system allocates space seldom and in large
// extents instead of at every upload.
constexpr std::int64_t kPreallocate = 64 << 20;

std::int64_t round_up(std::int64_t n, std::int64_t to) { return (n + to - 1) / to * to; }

[[noreturn]] void fail(int err, const std::string& what) { throw std::system_error(err, std::generic_category(), what); }

void flush_folder(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail(errno, "cannot open " + path);
  int rc;
  while ((rc = ::fsync(fd)) != 0 && errno == EINTR) {
  }
  const int err = rc ? errno : 0;
  ::close(fd);
  if (err) fail(err, "cannot flush " + path);
}

// A pack's name is made here; one read from the database is checked before it becomes part of a path.
bool valid_pack_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
  });
}

// The calling thread's block-aligned buffer for direct writes.
char* aligned_buffer() {
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  thread_local std::unique_ptr<char, Free> buffer(static_cast<char*>(std::aligned_alloc(kBlock, kBuffer)));
  if (!buffer) throw std::bad_alloc();
  return buffer.get();
}
}  // namespace

struct BlobStore::Pack {
  std::string name, path;
  int fd = -1;           // O_DIRECT where the file system allows it
  std::atomic<int> buffered_fd{-1};  // opened when a direct write is refused; read by every writer
  std::int64_t end = 0;        // the next free offset; guarded by BlobStore::mu_
  std::int64_t allocated = 0;  // bytes preallocated; guarded by BlobStore::mu_
  bool can_preallocate = true;

  // Group flush: `written` counts finished writes, `flushed` how many of them a completed fdatasync covers. A
  // caller of sync_written() waits until the writes finished before it are covered; one of the callers flushes
  // for all of them.
  std::mutex mu;
  std::condition_variable cv;
  std::uint64_t written = 0, flushed = 0;
  bool flushing = false;
  int error = 0;  // after a failed flush nothing more is trusted to this pack

  ~Pack() {
    if (fd >= 0) ::close(fd);
    if (buffered_fd >= 0) ::close(buffered_fd);
  }

  // Writes `n` bytes (a multiple of the block size, from the aligned buffer) at `offset`.
  void write_at(const char* data, std::size_t n, std::int64_t offset) {
    int out = buffered_fd.load();
    if (out < 0) out = fd;
    while (n > 0) {
      const auto w = ::pwrite(out, data, n, offset);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0 && errno == EINVAL && out == fd) {  // direct I/O refused after all: go through the cache
        std::lock_guard lock(mu);
        if (buffered_fd < 0) {
          const int opened = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
          if (opened < 0) fail(errno, "cannot open " + path);
          buffered_fd = opened;
        }
        out = buffered_fd;
        continue;
      }
      if (w <= 0) fail(w < 0 ? errno : EIO, "cannot write " + path);
      data += w;
      n -= static_cast<std::size_t>(w);
      offset += w;
    }
  }

  void finished() {
    std::lock_guard lock(mu);
    ++written;
  }

  // Makes every write that has finished so far durable; 0, or the errno of a failed flush. Callers flushing at the
  // same time share one fdatasync, which covers every write to the file that had finished when it began,
  // whichever descriptor made it.
  int sync_written() {
    std::unique_lock lock(mu);
    const auto ticket = written;
    while (flushed < ticket) {
      if (error) return error;
      if (flushing) {
        cv.wait(lock);
        continue;
      }
      flushing = true;
      const auto target = written;
      lock.unlock();
      int rc;
      while ((rc = ::fdatasync(fd)) != 0 && errno == EINTR) {
      }
      const int err = rc ? errno : 0;
      lock.lock();
      flushing = false;
      if (err)
        error = err;
      else
        flushed = std::max(flushed, target);
      cv.notify_all();
    }
    return 0;
  }

  bool all_flushed() {
    std::lock_guard lock(mu);
    return flushed == written;
  }
};

BlobStore::BlobStore(std::string data_dir, std::int64_t pack_limit) : root_(std::move(data_dir)), pack_limit_(pack_limit) {
  fs::create_directories(pack_dir());
  fs::create_directories(temp_dir());
}

BlobStore::~BlobStore() = default;

std::shared_ptr<BlobStore::Pack> BlobStore::reserve(std::int64_t bytes, std::int64_t& offset) {
  const auto need = round_up(bytes, kBlock);
  std::lock_guard lock(mu_);
  if (!open_ || open_->error || (open_->end > 0 && open_->end + need > pack_limit_)) {
    // A new pack: a name no other process sharing the folder can take (several servers may share it).
    auto p = std::make_shared<Pack>();
    p->name = std::to_string(timeutil::now_ms()) + "-" + crypto::random_token(9);
    p->path = pack_dir() + "/" + p->name + ".pack";
    constexpr int kFlags = O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC;
    p->fd = ::open(p->path.c_str(), kFlags | O_DIRECT, 0666);
    if (p->fd < 0 && errno == EINVAL) p->fd = ::open(p->path.c_str(), kFlags, 0666);  // no direct I/O here
    if (p->fd < 0) fail(errno, "cannot create " + p->path);
    flush_folder(pack_dir());  // the new name survives a power cut before any blob in it is acknowledged
    if (open_) retired_.push_back(open_);  // its last writes may still wait for flush_written()
    open_ = std::move(p);
  }
  auto& p = *open_;
  offset = p.end;
  p.end += need;
  if (p.end > p.allocated && p.can_preallocate) {
    const auto to = round_up(p.end, kPreallocate);
    if (::fallocate(p.fd, 0, p.allocated, to - p.allocated) == 0)
      p.allocated = to;
    else
      p.can_preallocate = false;  // e.g. a file system without fallocate: the writes extend the file
  }
  return open_;
}

StoredBlob BlobStore::put(const Incoming& file) {
  StoredBlob b{file.sha256, file.size, "", 0};
  auto pack = reserve(file.size, b.offset);
  b.pack = pack->name;
  char* buffer = aligned_buffer();
  int temp = -1;
  if (!file.temp_path.empty()) {
    temp = ::open(file.temp_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (temp < 0) fail(errno, "cannot open " + file.temp_path);
  }
  try {
    std::int64_t done = 0;
    while (done < file.size) {
      const auto n = static_cast<std::size_t>(std::min<std::int64_t>(file.size - done, kBuffer));
      if (temp < 0) {
        std::memcpy(buffer, file.bytes.data() + done, n);
      } else {
        for (std::size_t got = 0; got < n;) {
          const auto r = ::pread(temp, buffer + got, n - got, done + static_cast<std::int64_t>(got));
          if (r < 0 && errno == EINTR) continue;
          if (r <= 0) fail(r < 0 ? errno : EIO, "cannot read " + file.temp_path);
          got += static_cast<std::size_t>(r);
        }
      }
      const auto whole = static_cast<std::size_t>(round_up(static_cast<std::int64_t>(n), kBlock));
      std::memset(buffer + n, 0, whole - n);  // the padding up to the next block
      pack->write_at(buffer, whole, b.offset + done);
      done += static_cast<std::int64_t>(n);
    }
  } catch (...) {
    if (temp >= 0) ::close(temp);
    throw;
  }
  if (temp >= 0) ::close(temp);
  pack->finished();
  return b;
}

int BlobStore::flush_written() noexcept {
  std::vector<std::shared_ptr<Pack>> packs;
  {
    std::lock_guard lock(mu_);
    packs = retired_;
    if (open_) packs.push_back(open_);
  }
  int failed = 0;
  for (const auto& p : packs)
    if (const int err = p->sync_written(); err && !failed) failed = err;
  std::lock_guard lock(mu_);
  std::erase_if(retired_, [](const std::shared_ptr<Pack>& p) { return p->all_flushed(); });
  return failed;
}

BlobFile BlobStore::file_of(const StoredBlob& b) const {
  if (b.pack.empty()) {
    if (b.sha256.size() < 2) throw std::invalid_argument("bad blob hash");
    return {root_ + "/blobs/" + b.sha256.substr(0, 2) + "/" + b.sha256, 0, b.size};
  }
  if (!valid_pack_name(b.pack)) throw std::invalid_argument("bad pack name");
  return {pack_dir() + "/" + b.pack + ".pack", b.offset, b.size};
}

std::string BlobStore::read(const StoredBlob& b) const {
  const auto f = file_of(b);
  const int fd = ::open(f.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(errno, "cannot open " + f.path);
  std::string out(static_cast<std::size_t>(f.size), '\0');
  std::size_t got = 0;
  int err = 0;
  while (got < out.size()) {
    const auto r = ::pread(fd, out.data() + got, out.size() - got, f.offset + static_cast<std::int64_t>(got));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      err = r < 0 ? errno : EIO;  // a short file: the blob is not all there
      break;
    }
    got += static_cast<std::size_t>(r);
  }
  ::close(fd);
  if (err) fail(err, "cannot read " + f.path);
  return out;
}

}  // namespace zp::storage
