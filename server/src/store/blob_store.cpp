#include "store/blob_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "auth/tokens.h"
#include "store/store_error.h"

namespace portal::server {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw StoreError(what + ": " + std::strerror(errno));
}

void fsync_path(const fs::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags | O_CLOEXEC);
  if (fd < 0) fail("cannot open " + p.string());
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) fail("cannot fsync " + p.string());
}

bool is_hex_sha256(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

BlobStore::BlobStore(const fs::path& data_dir) : root_(data_dir / "files") {
  std::error_code ec;
  fs::create_directories(root_ / "tmp", ec);
  if (ec) throw StoreError("cannot create " + (root_ / "tmp").string() + ": " + ec.message());
}

std::string BlobStore::sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(sizeof digest * 2);
  for (unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

fs::path BlobStore::blob_path(std::string_view sha256) const {
  return root_ / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

std::string BlobStore::put(std::string_view bytes) {
  const std::string sha = sha256_hex(bytes);
  const fs::path target = blob_path(sha);
  std::error_code ec;
  if (fs::is_regular_file(target, ec) && fs::file_size(target, ec) == bytes.size()) return sha;

  const fs::path tmp = root_ / "tmp" / (new_id() + ".part");
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) fail("cannot create " + tmp.string());
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      errno = saved;
      fail("cannot write " + tmp.string());
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    ::unlink(tmp.c_str());
    fail("cannot fsync " + tmp.string());
  }
  ::close(fd);
  fs::create_directories(target.parent_path(), ec);
  if (ec) throw StoreError("cannot create " + target.parent_path().string() + ": " + ec.message());
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    ::unlink(tmp.c_str());
    fail("cannot rename into " + target.string());
  }
  // The rename is durable only once the folder that now names the blob is on disk.
  fsync_path(target.parent_path(), O_RDONLY | O_DIRECTORY);
  fsync_path(root_, O_RDONLY | O_DIRECTORY);
  return sha;
}

std::optional<fs::path> BlobStore::path(std::string_view sha256) const {
  if (!is_hex_sha256(sha256)) return std::nullopt;
  fs::path p = blob_path(sha256);
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;
  return p;
}

}  // namespace portal::server
