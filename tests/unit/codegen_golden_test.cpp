// Whole-file goldens of every generated artifact (tests/golden/codegen/<variant>/) for the reference
// GEMM, bfloat16 with block_K 64, transpose_B, and a small GEMM whose block fits DST;
// TT_UPDATE_GOLDENS=1 rewrites them (review the diff). Also: determinism.
#include <gtest/gtest.h>

#include <filesystem>

#include "codegen_fixture.h"
#include "golden_file.h"

namespace tt {
namespace {

namespace fs = std::filesystem;

struct Variant {
  const char* dir;
  testing::GemmFixture params;
};

std::vector<Variant> variants() {
  testing::GemmFixture reference;
  testing::GemmFixture bf16;
  bf16.dtype = "bfloat16";
  bf16.block_k = 64;
  testing::GemmFixture transpose_b;
  transpose_b.transpose_b = true;
  testing::GemmFixture small;  // 16 blocks of 2x2 tiles: fits DST (no spill), 48 idle cores
  small.m = small.n = small.k = 256;
  small.block_m = small.block_n = 64;
  return {{"gemm_reference", reference},
          {"gemm_bf16_bk64", bf16},
          {"gemm_transpose_b", transpose_b},
          {"gemm_small_fits_dst", small}};
}

const char* const kGolden[] = {"reader.cpp", "compute.cpp", "writer.cpp", "main.cpp", "tt.plan.json", "provenance.json"};

KernelResult generate(const testing::GemmFixture& params) {
  testing::BuiltKernel built = testing::build_gemm_kernel(params);
  DiagnosticList diags;
  const bool ok = generate_artifacts(built.kernel, built.device, built.source, diags);
  EXPECT_TRUE(ok) << render_diagnostics(diags, built.source);
  return std::move(built.kernel);
}

TEST(CodegenGolden, ArtifactsMatchGoldens) {
  for (const Variant& v : variants()) {
    SCOPED_TRACE(v.dir);
    KernelResult k = generate(v.params);
    const fs::path dir = fs::path(TT_TESTS_DIR) / "golden" / "codegen" / v.dir;
    for (const char* name : kGolden) {
      const Artifact* a = k.find_artifact(name);
      ASSERT_NE(a, nullptr) << name;
      testing::expect_golden(dir / name, a->text);
    }
  }
}

TEST(CodegenGolden, OutputIsDeterministic) {
  for (const Variant& v : variants()) {
    KernelResult first = generate(v.params);
    KernelResult second = generate(v.params);
    ASSERT_EQ(first.artifacts.size(), second.artifacts.size());
    for (size_t i = 0; i < first.artifacts.size(); ++i) {
      EXPECT_EQ(first.artifacts[i].name, second.artifacts[i].name);
      EXPECT_EQ(first.artifacts[i].text, second.artifacts[i].text) << v.dir << " " << first.artifacts[i].name;
    }
  }
}

TEST(CodegenGolden, EveryArtifactHasOneProvenanceEntryPerLine) {
  KernelResult k = generate({});
  for (const Artifact& a : k.artifacts) {
    size_t lines = static_cast<size_t>(std::count(a.text.begin(), a.text.end(), '\n'));
    EXPECT_EQ(a.provenance.size(), lines) << a.name;
  }
}

}  // namespace
}  // namespace tt
