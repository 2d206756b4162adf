// build_key hashes what a build reads; BuildCache stores executables under that key.
#include "build_cache.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace ttemu {

namespace fs = std::filesystem;

namespace {

constexpr unsigned kRoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

unsigned rotr(unsigned x, int n) { return (x >> n) | (x << (32 - n)); }

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Length-prefixed, so that no two different input lists hash the same byte stream.
void add_field(Sha256& h, std::string_view s) { h.update(std::to_string(s.size()) + ":").update(s); }

fs::path resolve_in_path(const fs::path& program) {
  if (program.has_parent_path()) return program;
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / program;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return program;
}

// The compiler as a file: its resolved path, size and modification time, so that an upgrade or a different
// compiler behind the same name invalidates the cache without running the compiler to ask it.
void add_compiler_identity(Sha256& h, const fs::path& compiler) {
  std::error_code ec;
  const fs::path resolved = fs::canonical(resolve_in_path(compiler), ec);
  add_field(h, ec ? compiler.string() : resolved.string());
  if (ec) return;
  add_field(h, std::to_string(fs::file_size(resolved, ec)));
  add_field(h, std::to_string(fs::last_write_time(resolved, ec).time_since_epoch().count()));
}

}  // namespace

Sha256::Sha256()
    : state_{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19} {}

void Sha256::block(const unsigned char* p) {
  unsigned w[64];
  for (int i = 0; i < 16; ++i)
    w[i] = (unsigned(p[4 * i]) << 24) | (unsigned(p[4 * i + 1]) << 16) | (unsigned(p[4 * i + 2]) << 8) | p[4 * i + 3];
  for (int i = 16; i < 64; ++i) {
    const unsigned s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    const unsigned s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  unsigned a = state_[0], b = state_[1], c = state_[2], d = state_[3], e = state_[4], f = state_[5], g = state_[6],
           h = state_[7];
  for (int i = 0; i < 64; ++i) {
    const unsigned t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + kRoundConstants[i] + w[i];
    const unsigned t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state_[0] += a, state_[1] += b, state_[2] += c, state_[3] += d;
  state_[4] += e, state_[5] += f, state_[6] += g, state_[7] += h;
}

Sha256& Sha256::update(std::string_view bytes) {
  length_ += bytes.size();
  for (const char ch : bytes) {
    buffer_[buffered_++] = static_cast<unsigned char>(ch);
    if (buffered_ == 64) {
      block(buffer_);
      buffered_ = 0;
    }
  }
  return *this;
}

std::string Sha256::hex() {
  const unsigned long long bits = length_ * 8;
  update(std::string_view("\x80", 1));
  while (buffered_ != 56) update(std::string_view("\0", 1));
  unsigned char tail[8];
  for (int i = 0; i < 8; ++i) tail[i] = static_cast<unsigned char>(bits >> (56 - 8 * i));
  update(std::string_view(reinterpret_cast<const char*>(tail), 8));
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const unsigned word : state_)
    for (int shift = 28; shift >= 0; shift -= 4) out += kDigits[(word >> shift) & 0xf];
  return out;
}

std::string build_key(const BuildInputs& in) {
  Sha256 h;
  add_field(h, "ttemu build cache v1");
  add_compiler_identity(h, in.compiler);
  for (const auto& command : in.commands) {
    add_field(h, "command");
    for (const std::string& arg : command) add_field(h, arg);
  }
  for (const auto& [name, file] : in.sources) {
    add_field(h, name);
    add_field(h, read_bytes(file));
  }
  std::vector<fs::path> headers;
  for (const auto& entry : fs::recursive_directory_iterator(in.include_dir))
    if (entry.is_regular_file()) headers.push_back(entry.path());
  std::sort(headers.begin(), headers.end());  // directory order is not stable
  add_field(h, in.include_dir.string());
  for (const fs::path& header : headers) {
    add_field(h, fs::relative(header, in.include_dir).string());
    add_field(h, read_bytes(header));
  }
  add_field(h, read_bytes(in.runtime_lib));
  return h.hex();
}

fs::path BuildCache::default_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "tt-inspect" / "builds";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "tt-inspect" / "builds";
  return {};
}

std::optional<fs::path> BuildCache::find(const std::string& key) const {
  const fs::path exe = dir_ / key / "emu_run";
  std::error_code ec;
  if (fs::is_regular_file(exe, ec)) return exe;
  return std::nullopt;
}

fs::path BuildCache::insert(const std::string& key, const fs::path& exe) const {
  fs::create_directories(dir_);
  std::string pattern = (dir_ / (".staging-" + key + "-XXXXXX")).string();
  if (!mkdtemp(pattern.data()))
    throw fs::filesystem_error("mkdtemp", pattern, std::error_code(errno, std::generic_category()));
  const fs::path staging = pattern;
  fs::copy_file(exe, staging / "emu_run");
  const fs::path entry = dir_ / key;
  // rename(2) of a directory is atomic and fails when the target exists: then another run stored the same build.
  if (std::rename(staging.c_str(), entry.c_str()) != 0) {
    const int err = errno;
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    if (err != EEXIST && err != ENOTEMPTY)
      throw fs::filesystem_error("rename", staging, entry, std::error_code(err, std::generic_category()));
  }
  return entry / "emu_run";
}

}  // namespace ttemu
