// The eager TileLang syntax (upstream since May 2026) and the definition-time Python that real
// files use to choose sizes: T.const spellings, annotated inputs, T.empty outputs, `return`,
// instantiation by .compile(...) and by calls with tensors, -D on T.const, argparse defaults,
// **config, helpers forwarding sizes, tvm.IRModule, T.Tensor[...], autotuners, GPU hints as
// notes, and the upstream eager GEMM compiling to the same kernels as our classic example.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "compiler/compiler.h"
#include "compiler/frontend/frontend.h"
#include "compiler/ir/printer.h"

namespace tt::frontend {
namespace {

struct Lowered {
  std::vector<ir::Module> modules;
  DiagnosticList diags;
  std::string headline() const {
    for (const Diagnostic& d : diags) {
      if (d.severity == Severity::Error) return diagnostic_headline(d, "k.py", true);
    }
    return "";
  }
  std::string ir(size_t i = 0) const { return i < modules.size() ? ir::print_module(modules[i]).text : ""; }
  std::vector<std::string> notes() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diags) {
      if (d.severity == Severity::Note) out.push_back(diagnostic_headline(d, "k.py"));
    }
    return out;
  }
};

Lowered lower(const std::string& text, FrontendOptions options = {}) {
  Lowered out;
  out.modules = lower_source(SourceFile("k.py", text), options, out.diags);
  return out;
}

// An eager kernel whose body is filled in by each test; `CALL` instantiates it.
std::string eager(const std::string& decl, const std::string& call, const std::string& params = "A, B, block_M") {
  return R"(import tilelang
import tilelang.language as T


@tilelang.jit
def scale()" +
         params + R"():
)" + decl +
         R"(
    with T.Kernel(T.ceildiv(N, block_M), T.ceildiv(M, block_M), threads=128) as (bx, by):
        A_s = T.alloc_shared((block_M, block_M), T.float16)
        T.copy(A[by * block_M, bx * block_M], A_s)
        T.copy(A_s, B[by * block_M, bx * block_M])
    return B


def main():
)" + call +
         "\n";
}

const std::string kDecl = R"(    M, N = T.const("M, N")
    A: T.Tensor((M, N), T.float16)
    B = T.empty((M, N), T.float16))";

TEST(EagerSyntax, CompileKeywordsBindTConstAndParameters) {
  Lowered l = lower(eager(kDecl, "    k = scale.compile(M=256, N=128, block_M=64)"));
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_NE(l.ir().find("def scale(A: T.Tensor((256, 128), \"float16\"), B: T.Tensor((256, 128), \"float16\"))"),
            std::string::npos)
      << l.ir();
  EXPECT_NE(l.ir().find("with T.Kernel(2, 4, threads=128)"), std::string::npos) << l.ir();
}

TEST(EagerSyntax, EveryTConstSpellingDeclaresTheSameSymbols) {
  for (const char* spelling : {R"(    M, N = T.const("M, N"))", R"(    M, N = T.const("M N"))",
                               R"(    M, N = T.const("M", "N"))", "    M = T.const(\"M\")\n    N = T.const(\"N\")"}) {
    SCOPED_TRACE(spelling);
    std::string decl =
        std::string(spelling) + "\n    A: T.Tensor((M, N), T.float16)\n    B = T.empty([M, N], \"float16\")";
    Lowered l = lower(eager(decl, "    k = scale.compile(M=64, N=64, block_M=32)"));
    ASSERT_FALSE(l.diags.has_errors()) << l.headline();
    EXPECT_NE(l.ir().find("A: T.Tensor((64, 64), \"float16\")"), std::string::npos) << l.ir();
  }
}

TEST(EagerSyntax, ACallWithTorchTensorsBindsTheShapes) {
  Lowered l = lower(eager(kDecl, R"(    import torch
    a = torch.randn(512, 96, dtype=torch.float16, device="cuda")
    b = scale(a, None, block_M=32))"));
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_NE(l.ir().find("A: T.Tensor((512, 96), \"float16\")"), std::string::npos) << l.ir();
}

TEST(EagerSyntax, ShapesFollowAliasesOfTheSymbols) {
  std::string decl = R"(    M, N = T.const("M, N")
    rows, cols = M, N
    A: T.Tensor((rows, cols), T.float16)
    B = T.empty((M, N), T.float16))";
  Lowered l = lower(eager(decl, "    import torch\n    b = scale(torch.empty(64, 32).half(), None, 32)"));
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_NE(l.ir().find("A: T.Tensor((64, 32), \"float16\")"), std::string::npos) << l.ir();
}

TEST(EagerSyntax, DefineBindsATConstSymbol) {
  FrontendOptions options;
  options.defines["M"] = "2048";
  Lowered l = lower(eager(kDecl, "    k = scale.compile(M=256, N=128, block_M=64)"), options);
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_NE(l.ir().find("A: T.Tensor((2048, 128), \"float16\")"), std::string::npos) << l.ir();
}

TEST(EagerSyntax, ReturnOfSeveralOutputs) {
  std::string text = R"(import tilelang
import tilelang.language as T


@tilelang.jit
def split(A, block):
    M = T.const("M")
    A: T.Tensor[(M, 64), T.float32]
    X = T.empty((M, 64), T.float32)
    Y = T.empty((M, 64), T.float32)
    with T.Kernel(T.ceildiv(M, block)) as bx:
        S = T.alloc_shared((block, 64), T.float32)
        T.copy(A[bx * block, 0], S)
        T.copy(S, X[bx * block, 0])
        T.copy(S, Y[bx * block, 0])
    return X, Y


split.compile(M=128, block=32)
)";
  Lowered l = lower(text);
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_NE(l.ir().find("def split(A: T.Tensor((128, 64), \"float32\"), X: T.Tensor((128, 64), \"float32\"), Y: "
                        "T.Tensor((128, 64), \"float32\"))"),
            std::string::npos)
      << l.ir();
}

TEST(EagerSyntax, GpuHintsAreNotedOnceEach) {
  std::string decl = kDecl + "\n    T.use_swizzle(10)\n    T.use_swizzle(8)";
  Lowered l = lower(eager(decl, "    k = scale.compile(M=256, N=128, block_M=64)"));
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_EQ(l.notes(), (std::vector<std::string>{
                           "k.py:10:5: note: T.use_swizzle is a GPU rasterization hint: ignored on Tenstorrent",
                           "k.py:12:65: note: T.Kernel(threads=128) is a GPU thread-block size: ignored on Tenstorrent",
                       }));
}

// --- definition-time Python that picks the sizes

const char* kClassic = R"(import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def copy(M, N, block):
    @T.prim_func
    def main(A: T.Tensor((M, N), "float16"), B: T.Tensor((M, N), "float16")):
        with T.Kernel(T.ceildiv(N, block), T.ceildiv(M, block)) as (bx, by):
            S = T.alloc_shared((block, block), "float16")
            T.copy(A[by * block, bx * block], S)
            T.copy(S, B[by * block, bx * block])
    return tvm.IRModule({"main": main})


)";

std::string with_driver(const std::string& driver) { return std::string("import tvm\n") + kClassic + driver; }

TEST(DefinitionTimePython, ArgparseDefaultsAndConfigDictionaries) {
  Lowered l = lower(with_driver(R"(if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("--m", type=int, default=4096)
    parser.add_argument("--block-size", dest="block", type=int, default=64)
    args, _ = parser.parse_known_args()
    config = {"block": args.block, **{"N": 256}}
    kernel = copy(args.m, **config)
)"));
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_NE(l.ir().find("A: T.Tensor((4096, 256), \"float16\")"), std::string::npos) << l.ir();
  EXPECT_NE(l.ir().find("with T.Kernel(4, 64"), std::string::npos) << l.ir();
}

TEST(DefinitionTimePython, HelpersForwardTheirArguments) {
  Lowered l = lower(with_driver(R"(def run(M, N, *, block=32, **kw):
    kernel = copy(M, N, block)


def main():
    sizes = [n * 64 for n in range(1, 5) if n % 2 == 0]
    run(sizes[0], max(sizes), block=sizes[-1] // 4)


main()
)"));
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_NE(l.ir().find("A: T.Tensor((128, 256), \"float16\")"), std::string::npos) << l.ir();
}

TEST(DefinitionTimePython, ASizeFromRunTimeDataIsAnUnsupportedErrorNamingIt) {
  Lowered l = lower(with_driver(R"(def main():
    import torch
    n = torch.cuda.get_device_properties(0).multi_processor_count
    kernel = copy(n * 32, 256, 32)
)"));
  EXPECT_EQ(l.headline(),
            "k.py:9:27: error: [unsupported] 'M' (dimension 0 of 'A') is only known when the program "
            "runs (it comes from 'torch.cuda.get_device_properties(0).multi_processor_count'): give it "
            "a value with -D M=<value>");
  FrontendOptions options;
  options.defines["M"] = "1024";
  EXPECT_FALSE(
      lower(with_driver("def main():\n    import torch\n    kernel = copy(torch.cuda.device_count(), 256, 32)\n"),
            options)
          .diags.has_errors());
}

TEST(DefinitionTimePython, AutotunedFactoriesNameTheTunedParameters) {
  std::string text = kClassic;
  text = "import tvm\n" + text;
  text.replace(text.find("@tilelang.jit(out_idx=[-1])"), 0, "@tilelang.autotune(configs=[{\"block\": 32}])\n");
  text += "kernel = copy(256, 256)\n";
  Lowered l = lower(text);
  EXPECT_EQ(l.headline(),
            "k.py:18:10: error: [unsupported] copy() is decorated with @autotune, which chooses 'block' "
            "when the program runs; give them with -D NAME=<value>");
}

TEST(DefinitionTimePython, TensorSubscriptAnnotationInAPrimFunc) {
  std::string text = kClassic;
  text.replace(text.find("T.Tensor((M, N), \"float16\"), B"), std::string("T.Tensor((M, N), \"float16\")").size(),
               "T.Tensor[(M, N), \"float16\"]");
  Lowered l = lower("import tvm\n" + text + "copy(64, 64, 32)\n");
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_NE(l.ir().find("A: T.Tensor((64, 64), \"float16\")"), std::string::npos) << l.ir();
}

TEST(DefinitionTimePython, AFunctionThatDefinesAndUsesItsKernelItself) {
  // TileLang's own tests: the kernel is built inside a test function that returns nothing.
  Lowered l = lower(R"(import tilelang
import tilelang.language as T


def test_copy():
    @tilelang.jit
    def make():
        @T.prim_func
        def kernel(A: T.Tensor((64, 64), "float16"), B: T.Tensor((64, 64), "float16")):
            with T.Kernel(2, 2) as (bx, by):
                S = T.alloc_shared((32, 32), "float16")
                T.copy(A[by * 32, bx * 32], S)
                T.copy(S, B[by * 32, bx * 32])
        return kernel

    k = make()
    assert k is not None
)");
  ASSERT_FALSE(l.diags.has_errors()) << l.headline();
  EXPECT_NE(l.ir().find("def kernel(A: T.Tensor((64, 64), \"float16\")"), std::string::npos) << l.ir();
}

// --- the upstream eager GEMM against the classic reference

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The two files differ in their kernel's name (the classic @T.prim_func is `gemm`, the eager
// kernel `matmul`), which names the device functions; everything else must be identical.
std::string without_names(std::string text) {
  for (size_t at; (at = text.find("\"gemm_")) != std::string::npos;) text.replace(at, 6, "\"matmul_");
  return text;
}

// The plan's performance estimate names the source lines the work comes from, which differ between
// the two files (as provenance.json does); the rest of the plan must be identical.
std::string plan_without_source_line_numbers(const std::string& text) {
  nlohmann::ordered_json plan = nlohmann::ordered_json::parse(text);
  for (auto& line : plan["performance_estimate"]["source_lines"]) line.erase("line");
  return plan.dump(1);
}

// rms_norm.py's shape: two kernels, only the second instantiated (by main()). The first has no sizes: it
// is skipped with a note unless --kernel selects it or nothing in the file is instantiated.
std::string two_kernels(const std::string& call) {
  std::string file = eager(kDecl, call, "A, block_M");
  const size_t def = file.find("@tilelang.jit");
  std::string splitk = file.substr(def, file.find("def main():") - def);
  splitk.replace(splitk.find("def scale("), 10, "def scale_splitk(");
  return file.insert(def, splitk);
}

TEST(EagerSyntax, AnUncalledKernelWithoutSizesIsSkippedWithANoteWhenAnotherIsInstantiated) {
  std::vector<SkippedKernel> skipped;
  DiagnosticList diags;
  std::vector<ir::Module> modules = lower_source(
      SourceFile("k.py", two_kernels("    scale.compile(M=64, N=128, block_M=32)")), FrontendOptions{}, diags, &skipped);
  ASSERT_FALSE(diags.has_errors());
  ASSERT_EQ(modules.size(), 1u);
  EXPECT_EQ(modules[0].name, "scale");
  const std::string reason =
      "kernel 'scale_splitk' is not compiled: no call in this file instantiates 'scale_splitk' and block_M, M, N "
      "have no value; select it with --kernel scale_splitk -D block_M=<value> -D M=<value> -D N=<value>";
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].name, "scale_splitk");
  EXPECT_EQ(skipped[0].reason, reason);
  std::vector<std::string> notes;
  for (const Diagnostic& d : diags) notes.push_back(diagnostic_headline(d, "k.py"));
  EXPECT_NE(std::find(notes.begin(), notes.end(), "k.py:6:5: note: " + reason), notes.end()) << notes.size();

  // Sizes given by -D: both kernels compile.
  FrontendOptions bound;
  bound.defines = {{"M", "64"}, {"N", "64"}, {"block_M", "32"}};
  Lowered both = lower(two_kernels("    scale.compile(M=64, N=128, block_M=32)"), bound);
  ASSERT_FALSE(both.diags.has_errors()) << both.headline();
  EXPECT_EQ(both.modules.size(), 2u);
}

TEST(EagerSyntax, ASelectedOrLoneUncalledKernelWithoutSizesKeepsItsError) {
  const std::string error =
      "k.py:7:20: error: [unsupported] T.const 'M' of 'scale_splitk' has no value: no call in this file "
      "instantiates 'scale_splitk'; give it a value with -D M=<value>";
  FrontendOptions selected;
  selected.kernel = "scale_splitk";
  EXPECT_EQ(lower(two_kernels("    scale.compile(M=64, N=128, block_M=32)"), selected).headline(), error);
  // Nothing instantiated: every kernel is compiled and fails with its -D hint.
  EXPECT_EQ(lower(two_kernels("    pass")).headline(), error);
}

TEST(EagerSyntax, UpstreamGemmCompilesToTheKernelsOfTheClassicExample) {
  std::filesystem::path upstream = std::filesystem::path(TT_CORPUS_DIR) / "tilelang/examples/gemm/example_gemm.py";
  if (!std::filesystem::exists(upstream)) GTEST_SKIP() << "no corpus at " << TT_CORPUS_DIR;
  // Same file name for both, so the `from example_gemm.py` comments agree too.
  CompileResult eager = compile_source(SourceFile("example_gemm.py", read(upstream)), CompileOptions{});
  CompileResult classic = compile_source(
      SourceFile("example_gemm.py", read(std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_gemm.py")),
      CompileOptions{});
  ASSERT_TRUE(eager.ok());
  ASSERT_TRUE(classic.ok());
  ASSERT_EQ(eager.kernels.size(), 1u);
  for (const char* name : {"reader.cpp", "compute.cpp", "writer.cpp", "main.cpp", "tt.plan.json"}) {
    SCOPED_TRACE(name);
    const Artifact* e = eager.kernels[0].find_artifact(name);
    const Artifact* c = classic.kernels[0].find_artifact(name);
    ASSERT_TRUE(e && c);
    if (std::string(name) == "tt.plan.json") {
      EXPECT_EQ(plan_without_source_line_numbers(without_names(e->text)),
                plan_without_source_line_numbers(without_names(c->text)));
    } else {
      EXPECT_EQ(without_names(e->text), without_names(c->text));
    }
  }
  CompileOptions bigger;
  bigger.defines["M"] = "2048";
  CompileResult m2048 = compile_source(SourceFile("example_gemm.py", read(upstream)), bigger);
  ASSERT_TRUE(m2048.ok());
  EXPECT_NE(m2048.kernels[0].find_artifact("main.cpp")->text.find("2048"), std::string::npos);
}

}  // namespace
}  // namespace tt::frontend
