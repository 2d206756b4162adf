// ParallelCompiler: results come back in file order and equal a sequential compile of each file,
// whatever the number of workers (including more workers than files, and failing files).
#include <gtest/gtest.h>

#include "compiler/parallel_compiler.h"

namespace tt {
namespace {

std::string example(const char* name) { return std::string(TT_INSPECT_ASSETS_DIR) + "/examples/" + name; }

std::string fingerprint(const CompileResult& r) {
  std::string s = r.source.path() + (r.ok() ? " ok\n" : " failed\n");
  s += render_diagnostics(r.all_diagnostics(), r.source);
  for (const KernelResult& k : r.kernels) {
    for (const Artifact& a : k.artifacts) s += a.name + "\n" + a.text;
  }
  return s;
}

TEST(ParallelCompiler, ResultsInFileOrderEqualSequentialCompiles) {
  const std::vector<std::string> files = {example("example_gemm.py"), example("example_elementwise_add.py"),
                                          example("example_gemm_transpose_b.py"), "/nonexistent/kernel.py",
                                          example("example_gemm_bf16_slices.py")};
  CompileOptions options;
  std::vector<std::string> sequential;
  for (const std::string& f : files) sequential.push_back(fingerprint(compile_file(f, options)));
  EXPECT_EQ(sequential[1].find(" failed\n"), std::string::npos);  // element-wise: lowered
  EXPECT_NE(sequential[3].find(" failed\n"), std::string::npos);  // missing file
  for (unsigned jobs : {1u, 2u, 8u}) {
    ParallelCompiler compiler(files, options, jobs);
    EXPECT_EQ(compiler.workers(), std::min<unsigned>(jobs, files.size()));
    for (size_t i = 0; i < files.size(); ++i) EXPECT_EQ(fingerprint(compiler.take(i)), sequential[i]) << jobs << " jobs, file " << i;
  }
}

}  // namespace
}  // namespace tt
