// ParallelCompiler: compiles many files on worker threads while the caller takes the results in
// file order, so output, artifacts and exit codes do not depend on the number of jobs. The engine
// keeps no mutable global state, so compile_file() runs concurrently without locks.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "compiler/compiler.h"

namespace tt {

class ParallelCompiler {
 public:
  // jobs = 0: one worker per hardware thread. `files` and `options` must outlive the compiler.
  ParallelCompiler(const std::vector<std::string>& files, const CompileOptions& options, unsigned jobs = 0);
  ~ParallelCompiler();
  ParallelCompiler(const ParallelCompiler&) = delete;
  ParallelCompiler& operator=(const ParallelCompiler&) = delete;

  // Blocks until file i is compiled; each index may be taken once.
  CompileResult take(size_t i);
  unsigned workers() const { return static_cast<unsigned>(workers_.size()); }

 private:
  void work();

  const std::vector<std::string>& files_;
  const CompileOptions& options_;
  std::vector<std::optional<CompileResult>> results_;
  std::atomic<size_t> next_{0};
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<std::thread> workers_;
};

}  // namespace tt
