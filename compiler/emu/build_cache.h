// Content-addressed cache of built emulated programs. A repeated `tt-inspect run` of the same artifacts must
// not pay 2-5 s of C++ compilation, so the runner keys each build by everything that can change the
// executable (the sources, the emulation headers, the runtime library, the compiler and its flags) and keeps
// the linked executable under that key.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ttemu {

// SHA-256, streamed: a collision would silently run the wrong program, so the key is a cryptographic hash.
class Sha256 {
 public:
  Sha256();
  Sha256& update(std::string_view bytes);
  std::string hex();  // finishes the hash; the object is spent afterwards

 private:
  void block(const unsigned char* p);
  unsigned state_[8];
  unsigned char buffer_[64];
  std::size_t buffered_ = 0;
  unsigned long long length_ = 0;
};

// Everything a build reads. Sources are (name baked into the executable, file): the name, not the path, goes
// into the key, because the runner compiles with the kernel directory mapped away (-ffile-prefix-map).
struct BuildInputs {
  std::filesystem::path compiler;                  // as invoked: a bare name is looked up in PATH
  std::vector<std::vector<std::string>> commands;  // every compile and link command, without paths of the run
  std::vector<std::pair<std::string, std::filesystem::path>> sources;
  std::filesystem::path include_dir;  // every file below it is hashed
  std::filesystem::path runtime_lib;
};

// Hex SHA-256 of the inputs. Throws std::runtime_error when an input file cannot be read.
std::string build_key(const BuildInputs& inputs);

class BuildCache {
 public:
  // $XDG_CACHE_HOME/tt-inspect/builds, else ~/.cache/tt-inspect/builds; empty when neither is set.
  static std::filesystem::path default_dir();

  explicit BuildCache(std::filesystem::path dir) : dir_(std::move(dir)) {}
  const std::filesystem::path& dir() const { return dir_; }

  // The cached executable of `key`, if any.
  std::optional<std::filesystem::path> find(const std::string& key) const;
  // Stores `exe` under `key` atomically (staged in the cache directory, then renamed into place; a concurrent
  // insert of the same key wins harmlessly). Returns the cached executable; throws std::filesystem_error.
  std::filesystem::path insert(const std::string& key, const std::filesystem::path& exe) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace ttemu
