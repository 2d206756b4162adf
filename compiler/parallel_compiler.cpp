// ParallelCompiler: an atomic work index, one slot per file, a condition variable for the taker.
#include "compiler/parallel_compiler.h"

#include <algorithm>

namespace tt {

ParallelCompiler::ParallelCompiler(const std::vector<std::string>& files, const CompileOptions& options,
                                   unsigned jobs)
    : files_(files), options_(options), results_(files.size()) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  const unsigned n = std::min<unsigned>(jobs, static_cast<unsigned>(files.size()));
  for (unsigned i = 0; i < n; ++i) workers_.emplace_back([this] { work(); });
}

ParallelCompiler::~ParallelCompiler() {
  for (std::thread& t : workers_) t.join();
}

CompileResult ParallelCompiler::take(size_t i) {
  std::unique_lock lock(mutex_);
  ready_.wait(lock, [&] { return results_[i].has_value(); });
  CompileResult r = std::move(*results_[i]);
  results_[i].reset();
  return r;
}

void ParallelCompiler::work() {
  for (size_t i = next_++; i < files_.size(); i = next_++) {
    CompileResult r = compile_file(files_[i], options_);
    std::lock_guard lock(mutex_);
    results_[i] = std::move(r);
    ready_.notify_all();
  }
}

}  // namespace tt
