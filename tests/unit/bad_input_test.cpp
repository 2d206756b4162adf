// Bad-input corpus: every tests/bad_inputs/NNN_name.py starts with `# expect: L:C: error: message`
// (optionally followed by `# exit: N`; the exit code is 1, "compile errors", by default). Each file
// must fail the whole compile (front end, pipeline, codegen) with exactly that first diagnostic,
// and `tt-inspect batch` must print it as its first line and exit with that code. Inputs that
// cannot live in a file (command-line -D errors, a 10 MB file and 10k-level nesting generated into
// the build tree) and inputs that must compile (CRLF, tabs, unicode names) are tested below, along
// with a no-crash sweep over damaged files.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "compiler/compiler.h"
#include "compiler/frontend/defines.h"
#include "compiler/frontend/frontend.h"
#include "compiler/ir/printer.h"
#include "tests/unit/cli_run.h"

namespace tt::frontend {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string bad_inputs_dir() { return std::string(TT_TESTS_DIR) + "/bad_inputs"; }

std::vector<std::string> corpus() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(bad_inputs_dir())) {
    if (entry.path().extension() == ".py") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct Lowered {
  std::vector<ir::Module> modules;
  DiagnosticList diags;
};

Lowered lower(const std::string& path, const std::string& text, FrontendOptions options = {}) {
  Lowered out;
  out.modules = lower_source(SourceFile(path, text), options, out.diags);
  return out;
}

std::string first_headline(const Lowered& l, const std::string& path) {
  return l.diags.empty() ? "(no diagnostic)" : diagnostic_headline(l.diags.items()[0], path);
}

using testing_cli::CliRun;
using testing_cli::first_line;
using testing_cli::run_cli;

// A fresh, empty directory for one test's output.
std::string scratch_dir(const std::string& name) {
  fs::path dir = fs::path(testing::TempDir()) / ("tt_bad_inputs_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

std::string compile_headline(const CompileResult& r, const std::string& path) {
  DiagnosticList all = r.all_diagnostics();
  return all.empty() ? "(no diagnostic)" : diagnostic_headline(all.items()[0], path, true);
}

class BadInput : public testing::TestWithParam<std::string> {};

TEST_P(BadInput, FailsWithTheExpectedFirstDiagnosticAndExitCode) {
  std::string path = bad_inputs_dir() + "/" + GetParam() + ".py";
  std::string text = read_file(path);
  const std::string marker = "# expect: ";
  ASSERT_EQ(text.rfind(marker, 0), 0u) << path << " must start with '" << marker << "'";
  std::string expect = text.substr(marker.size(), text.find('\n') - marker.size());
  if (!expect.empty() && expect.back() == '\r') expect.pop_back();
  int expect_exit = 1;
  std::string second = text.substr(text.find('\n') + 1);
  if (second.rfind("# exit: ", 0) == 0) expect_exit = std::stoi(second.substr(8));

  CompileResult result = compile_source(SourceFile(path, text), CompileOptions{});
  EXPECT_EQ(compile_headline(result, path), path + ":" + expect);
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(result.all_diagnostics().has_errors());

  std::string out = scratch_dir(GetParam());
  CliRun run = run_cli("batch \"" + path + "\" -o \"" + out + "\" -q");
  EXPECT_EQ(run.exit_code, expect_exit) << run.err;
  EXPECT_EQ(first_line(run.err), path + ":" + expect);
  fs::remove_all(out);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, testing::ValuesIn(corpus()),
                         [](const testing::TestParamInfo<std::string>& param) { return param.param; });

TEST(BadInputCorpus, HasAtLeast60Files) { EXPECT_GE(corpus().size(), 60u); }

// --- inputs built in code -------------------------------------------------------------------

std::string reference_gemm() { return read_file(std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_gemm.py"); }

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(BadInputDefines, UnknownParameterIsAnErrorListingTheParameters) {
  FrontendOptions options;
  options.defines["block_Q"] = "64";
  Lowered l = lower("gemm.py", reference_gemm(), options);
  EXPECT_EQ(first_headline(l, "gemm.py"),
            "gemm.py: error: -D block_Q: no kernel in this file has a parameter named 'block_Q'; did you mean "
            "'block_K'?; parameters: "
            "matmul(M, N, K, block_M, block_N, block_K, dtype, accum_dtype)");
  EXPECT_TRUE(l.modules.empty());
}

// A -D value the kernel cannot use is the command line's mistake: the error names the -D, and a
// note points at the source line where the value made the kernel fail.
TEST(BadInputDefines, ValueThatBreaksTheKernelIsReportedAtTheDefine) {
  const std::string kernel_line = "T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)";
  for (const auto& [value, message] : std::vector<std::pair<std::string, std::string>>{
           {"abc", "unsupported operand types for //: 'int' and 'str'"}, {"0", "integer division or modulo by zero"}}) {
    FrontendOptions options;
    options.defines["block_M"] = value;
    options.defines["M"] = "2048";  // a harmless -D is not blamed
    Lowered l = lower("gemm.py", reference_gemm(), options);
    ASSERT_FALSE(l.diags.empty());
    const Diagnostic& d = l.diags.items()[0];
    EXPECT_EQ(diagnostic_headline(d, "gemm.py"), "gemm.py: error: -D block_M=" + value + ": " + message);
    ASSERT_FALSE(d.notes.empty());
    EXPECT_EQ(d.notes[0].message, "with -D block_M, the kernel fails here");
    SourceFile file("gemm.py", reference_gemm());
    EXPECT_NE(std::string(file.line(d.notes[0].span.begin.line)).find(kernel_line), std::string::npos);
  }
}

TEST(BadInputDefines, ValueThatIsNotALiteral) {
  FrontendOptions options;
  options.defines["M"] = "1x";
  Lowered l = lower("gemm.py", reference_gemm(), options);
  EXPECT_EQ(first_headline(l, "gemm.py"), "gemm.py: error: -D M=1x: '1x' is not a Python literal");
}

// An L1 overflow ends with a note naming a -D that fits, found by halving the kernel parameters that
// size the largest CBs and compiling again (or saying that none fits alone).
std::string last_note(const CompileResult& r) {
  const DiagnosticList all = r.all_diagnostics();
  if (all.empty() || all.items()[0].notes.empty()) return "(no note)";
  return all.items()[0].notes.back().message;
}

TEST(BadInputL1Fit, HalvedBlockSizeThatFitsIsSuggested) {
  CompileOptions options;
  options.defines = {{"block_M", "512"}, {"block_N", "512"}};
  const CompileResult r = compile_source(SourceFile("gemm.py", reference_gemm()), options);
  EXPECT_EQ(compile_headline(r, "gemm.py"),
            "gemm.py: error: [target] -D block_M=512: L1 overflow on wormhole_n150: circular buffers need 1,769,472 "
            "bytes, budget is 1,396,352 bytes");
  // block_M=256, block_N=512, block_K=32, 3 stages: A 8 tiles x 3 x 2 KiB + B 16 x 3 x 2 KiB + C_local 128 x 4 KiB
  // + C 128 x 2 KiB = 933,888 B.
  EXPECT_EQ(last_note(r), "-D block_M=256 fits: circular buffers would need 933888 B of the 1396352 B budget");
}

TEST(BadInputL1Fit, NoSingleParameterFits) {
  const std::string path = bad_inputs_dir() + "/075_l1_overflow.py";
  const CompileResult r = compile_file(path, CompileOptions{});
  // 1024 x 1024 x 256 blocks: even at 32, B_shared (256 x 1024, 3 stages) or C_local (1024 x 1024 fp32) overflows.
  EXPECT_EQ(last_note(r), "no smaller tile-aligned value of block_M, block_N, block_K alone fits the budget");
}

TEST(BadInputL1Fit, RmsNormRowTooLongSuggestsAShorterRow) {
  const std::string path = std::string(TT_CORPUS_DIR) + "/tilelang/examples/norm/rms_norm.py";
  if (!fs::exists(path)) GTEST_SKIP() << "corpus file " << path << " is absent";
  CompileOptions options;
  options.defines["N"] = "16384";
  options.kernel = "rms_norm_1";
  const CompileResult r = compile_file(path, options);
  EXPECT_EQ(compile_headline(r, path), path + ":" +
                                           " error: [target] -D N=16384: L1 overflow on wormhole_n150: circular "
                                           "buffers need 2,121,728 bytes, budget is 1,396,352 bytes");
  // A_local holds a whole row block (32 x N fp32): 256 pages x 4 KiB at N=8192, plus 24 KiB of small CBs.
  EXPECT_EQ(last_note(r), "-D N=8192 fits: circular buffers would need 1073152 B of the 1396352 B budget");
}

TEST(BadInputDefines, ZeroBlockSizeIsReportedAtTheDefineAndWhereItIsUsed) {
  FrontendOptions options;
  options.defines["block_K"] = "0";
  Lowered l = lower("gemm.py", reference_gemm(), options);
  // The first definition-time use of block_K is the shape of A_shared: the note points there.
  EXPECT_EQ(first_headline(l, "gemm.py"),
            "gemm.py: error: -D block_K=0: dimension 1 of 'A_shared' must be positive, got 0");
  ASSERT_FALSE(l.diags.items()[0].notes.empty());
  EXPECT_EQ(diagnostic_headline(l.diags.items()[0].notes[0], "gemm.py"),
            "gemm.py:15:49: note: with -D block_K, the kernel fails here");
}

// A pass error caused by a -D is blamed by recompiling without each -D in turn: the -Ds the failing lines read
// come first (whole identifiers: -D M is not read by `block_M`), then the rest, each group in the command
// line's order, so the usual blame costs one recompile whatever the number of -Ds.
TEST(BadInputDefines, BlameTriesTheDefinesTheFailingLineReadsFirst) {
  const SourceFile file("gemm.py",
                        "def f(M, N, K, block_M, block_N):\n"
                        "    T.copy(C_local, C[by * block_N, bx * block_M])\n"
                        "    T.alloc_shared((K, 1))\n");
  const std::map<std::string, std::string> defines = {
      {"M", "2048"}, {"N", "64"}, {"K", "64"}, {"block_M", "48"}, {"block_N", "64"}};
  Diagnostic error{Severity::Error, {{2, 5, 0}, {2, 50, 0}}, "not tile-aligned", {}, {}};
  EXPECT_EQ(blame_order(file, error, defines), (std::vector<std::string>{"block_M", "block_N", "K", "M", "N"}));
  // A note's line counts too; a span-less error keeps the command line's order.
  error.notes.push_back(Diagnostic{Severity::Note, {{3, 5, 0}, {3, 20, 0}}, "allocated here", {}, {}});
  EXPECT_EQ(blame_order(file, error, defines), (std::vector<std::string>{"K", "block_M", "block_N", "M", "N"}));
  error.span = {};
  error.notes.clear();
  EXPECT_EQ(blame_order(file, error, defines), (std::vector<std::string>{"K", "M", "N", "block_M", "block_N"}));
}

// The issue's "deeply nested expressions (10k levels)": every kind of nesting the grammar allows,
// where it is evaluated (factory call, kernel body) and where it is not (the rest of main()).
TEST(BadInputNesting, TenThousandParenthesesAreAnErrorNotACrash) {
  std::string deep = std::string(10000, '(') + "1024" + std::string(10000, ')');
  std::string text = replace_once(reference_gemm(), "matmul(1024, 1024, 1024,", "matmul(" + deep + ", 1024, 1024,");
  Lowered l = lower("deep.py", text);
  ASSERT_FALSE(l.diags.empty());
  EXPECT_NE(l.diags.items()[0].message.find("is nested too deeply (more than 200 levels)"), std::string::npos)
      << l.diags.items()[0].message;
  EXPECT_EQ(l.diags.items()[0].span.begin.line, 32u);
  EXPECT_TRUE(l.modules.empty());
}

TEST(BadInputNesting, TenThousandLevelsOfEveryKindAreAnErrorNotACrash) {
  const int n = 10000;
  auto repeat = [](const std::string& s, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += s;
    return out;
  };
  const std::vector<std::string> deep = {
      repeat("[", n) + "1024" + repeat("]", n),     // lists
      repeat("-", n) + "1024",                      // unary minus
      repeat("not ", n) + "1024",                   // not
      repeat("(1024, ", n) + "1" + repeat(")", n),  // tuples
      repeat("f(", n) + "1" + repeat(")", n),       // calls
      "1024" + repeat("[0]", n),                    // subscripts
      "x" + repeat(".y", n),                        // attributes
      "1" + repeat(" + 1", n),                      // a 10k-term sum (a 10k-deep left-leaning tree)
      repeat("2 ** ", n) + "1",                     // right-leaning powers
      repeat("0 if 0 else ", n) + "1",              // conditional expressions (the else chain)
      repeat("lambda: ", n) + "1",                  // lambdas
  };
  for (const std::string& e : deep) {
    std::string text = replace_once(reference_gemm(), "matmul(1024, 1024, 1024,", "matmul(" + e + ", 1024, 1024,");
    CompileResult r = compile_source(SourceFile("deep.py", text), CompileOptions{});
    EXPECT_FALSE(r.ok()) << e.substr(0, 40);
    ASSERT_FALSE(r.diagnostics.empty()) << e.substr(0, 40);
    EXPECT_EQ(r.diagnostics.items()[0].span.begin.line, 32u)
        << e.substr(0, 40) << ": " << r.diagnostics.items()[0].message;
  }
}

TEST(BadInputNesting, DeepNestingInsideTheKernel) {
  std::string deep = std::string(10000, '(') + "by" + std::string(10000, ')');
  std::string text = replace_once(reference_gemm(), "T.copy(A[by * block_M", "T.copy(A[" + deep + " * block_M");
  Lowered l = lower("deep.py", text);
  ASSERT_FALSE(l.diags.empty());
  EXPECT_NE(l.diags.items()[0].message.find("nested too deeply"), std::string::npos);
  EXPECT_EQ(l.diags.items()[0].span.begin.line, 22u);
}

TEST(BadInputNesting, DeepNestingInCodeThatIsNeverEvaluatedIsFine) {
  // main() statements other than the instantiating call are not evaluated.
  std::string deep = std::string(10000, '[') + "0" + std::string(10000, ']');
  std::string text =
      replace_once(reference_gemm(), "    import torch\n", "    junk = " + deep + "\n    import torch\n");
  Lowered l = lower("deep.py", text);
  EXPECT_FALSE(l.diags.has_errors()) << first_headline(l, "deep.py");
  EXPECT_EQ(l.modules.size(), 1u);
}

// --- generated files, run through the CLI (written into the build tree, not committed) ---------

std::string generated_path(const std::string& name) {
  fs::path dir = fs::path(TT_TESTS_BINARY_DIR) / "generated_bad_inputs";
  fs::create_directories(dir);
  return (dir / name).string();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

TEST(GeneratedBadInputs, TenMegabyteFileIsRefusedWithTheLimit) {
  // A valid kernel followed by 10 MiB of comment lines.
  std::string text = reference_gemm();
  const std::string comment = "# " + std::string(97, 'x') + "\n";
  while (text.size() < (size_t{10} << 20)) text += comment;
  text.resize(size_t{10} << 20);
  const std::string path = generated_path("ten_megabytes.py");
  write_file(path, text);
  const std::string expect = path +
                             ": error: [frontend] the file is too large to compile: 10,485,760 bytes, the limit is "
                             "8,388,608 bytes (8 MiB)";
  std::string out = scratch_dir("ten_megabytes");
  CliRun run = run_cli("batch \"" + path + "\" -o \"" + out + "\" -q");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(first_line(run.err), expect);
  EXPECT_TRUE(fs::is_empty(out));
  // compile_source (the GUI's path: text already in memory) applies the same limit.
  CompileResult r = compile_source(SourceFile(path, text), CompileOptions{});
  EXPECT_EQ(compile_headline(r, path), expect);
}

TEST(GeneratedBadInputs, FileJustUnderTheLimitCompiles) {
  // About 160k top-level statements and comments: the front end must stay linear (it was quadratic
  // in the number of statements of a block) and the parser must not fail.
  std::string text = reference_gemm();
  const std::string lines = "# " + std::string(40, 'x') + "\npass\n";
  while (text.size() + lines.size() <= frontend::kMaxSourceBytes) text += lines;
  CompileResult r = compile_source(SourceFile("almost_eight_mib.py", text), CompileOptions{});
  EXPECT_TRUE(r.ok()) << compile_headline(r, "almost_eight_mib.py");
}

TEST(GeneratedBadInputs, LongRunOfCommentsIsRefusedBeforeTheParser) {
  // Tree-sitter 0.20.7 corrupts its heap on 65,536 comments in a row; found by the test above.
  std::string text = reference_gemm() + "def more():\n";
  for (int i = 0; i < 70000; ++i) text += "    # note\n";
  text += "    pass\n";
  const std::string path = generated_path("comment_run.py");
  write_file(path, text);
  const std::string expect = path +
                             ":64:5: error: [frontend] more than 32767 comment lines in a row start here: the parser "
                             "cannot take that many";
  std::string out = scratch_dir("comment_run");
  CliRun run = run_cli("batch \"" + path + "\" -o \"" + out + "\" -q");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(first_line(run.err), expect);
  // Comments separated by code are fine.
  std::string spaced = reference_gemm();
  for (int i = 0; i < 70000; ++i) spaced += "# note\npass\n";
  CompileResult r = compile_source(SourceFile("spaced.py", spaced), CompileOptions{});
  EXPECT_TRUE(r.ok()) << compile_headline(r, "spaced.py");
}

TEST(GeneratedBadInputs, TenThousandLevelsOfNestingThroughTheCli) {
  std::string deep = std::string(10000, '(') + "1024" + std::string(10000, ')');
  const std::string path = generated_path("ten_thousand_levels.py");
  write_file(path, replace_once(reference_gemm(), "matmul(1024, 1024, 1024,", "matmul(" + deep + ", 1024, 1024,"));
  std::string out = scratch_dir("ten_thousand_levels");
  CliRun run = run_cli("batch \"" + path + "\" -o \"" + out + "\" -q");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(first_line(run.err),
            path + ":32:221: error: [frontend] expression is nested too deeply (more than 200 levels)");
}

std::string printed(const Lowered& l) {
  if (l.modules.empty()) return "(no module)";
  return ir::print_module(l.modules[0]).text;
}

TEST(GoodInputs, CrlfLineEndingsAndTabIndentationCompileToTheSameIr) {
  std::string lf = reference_gemm();
  Lowered reference = lower("gemm.py", lf);
  ASSERT_FALSE(reference.diags.has_errors());

  std::string crlf;
  for (char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  Lowered l1 = lower("crlf.py", crlf);
  EXPECT_FALSE(l1.diags.has_errors()) << first_headline(l1, "crlf.py");
  EXPECT_EQ(printed(l1), printed(reference));

  // Each 4-space indentation step becomes a tab (continuation lines inside parentheses too).
  std::string tabs;
  std::istringstream in(lf);
  for (std::string line; std::getline(in, line);) {
    size_t spaces = line.find_first_not_of(' ');
    if (spaces == std::string::npos) spaces = line.size();
    tabs += std::string(spaces / 4, '\t') + std::string(spaces % 4, ' ') + line.substr(spaces) + "\n";
  }
  Lowered l2 = lower("tabs.py", tabs);
  EXPECT_FALSE(l2.diags.has_errors()) << first_headline(l2, "tabs.py");
  EXPECT_EQ(printed(l2), printed(reference));
}

TEST(GoodInputs, UnicodeIdentifiersAreValidPythonAndCompile) {
  std::string text = reference_gemm();
  for (const char* from : {"A_shared", "block_M"}) {
    std::string to = std::string(from) == "A_shared" ? "Ä_shared" : "blöck_M";
    for (size_t at; (at = text.find(from)) != std::string::npos;) text.replace(at, std::string(from).size(), to);
  }
  Lowered l = lower("unicode.py", text);
  ASSERT_FALSE(l.diags.has_errors()) << first_headline(l, "unicode.py");
  std::string ir = printed(l);
  EXPECT_NE(ir.find("Ä_shared = T.alloc_shared((128, 32), \"float16\")"), std::string::npos) << ir;
  EXPECT_NE(ir.find("T.gemm(Ä_shared, B_shared, C_local)"), std::string::npos) << ir;
}

// Every prefix of the reference file, and many randomly damaged copies, must give modules or
// errors: never a crash, a hang or an exception.
TEST(NoCrash, TruncatedAndDamagedFiles) {
  std::string text = reference_gemm();
  for (size_t n = 0; n <= text.size(); n += 7) {
    Lowered l = lower("cut.py", text.substr(0, n));
    EXPECT_TRUE(l.diags.has_errors() || !l.modules.empty()) << "prefix " << n;
  }
  std::mt19937 rng(1234);
  const std::string alphabet = "()[]:,.=+-*/%# \n\tTA0129xyz_\"'\\@";
  for (int i = 0; i < 600; ++i) {
    std::string damaged = text;
    for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0; --edits) {
      size_t at = rng() % damaged.size();
      switch (rng() % 3) {
        case 0:
          damaged.erase(at, 1 + rng() % 4);
          break;
        case 1:
          damaged.insert(at, 1, alphabet[rng() % alphabet.size()]);
          break;
        default:
          damaged[at] = alphabet[rng() % alphabet.size()];
          break;
      }
    }
    Lowered l = lower("damaged.py", damaged);
    EXPECT_TRUE(l.diags.has_errors() || !l.modules.empty()) << "mutation " << i;
  }
}

}  // namespace
}  // namespace tt::frontend
