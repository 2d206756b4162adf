// Bad-input corpus: every tests/bad_inputs/NNN_name.py starts with `# expect: L:C: error: message`
// and must fail with exactly that first diagnostic and produce no module. Inputs that cannot live
// in a file (command-line -D errors, generated deep nesting) and inputs that must compile (CRLF,
// tabs, unicode names) are tested below, along with a no-crash sweep over damaged files.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "compiler/frontend/frontend.h"
#include "compiler/ir/printer.h"

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

class BadInput : public testing::TestWithParam<std::string> {};

TEST_P(BadInput, FailsWithTheExpectedFirstDiagnostic) {
  std::string path = bad_inputs_dir() + "/" + GetParam() + ".py";
  std::string text = read_file(path);
  const std::string marker = "# expect: ";
  ASSERT_EQ(text.rfind(marker, 0), 0u) << path << " must start with '" << marker << "'";
  std::string expect = text.substr(marker.size(), text.find('\n') - marker.size());
  if (!expect.empty() && expect.back() == '\r') expect.pop_back();

  Lowered l = lower(path, text);
  EXPECT_EQ(first_headline(l, path), path + ":" + expect);
  EXPECT_TRUE(l.diags.has_errors());
  EXPECT_TRUE(l.modules.empty());
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, testing::ValuesIn(corpus()),
                         [](const testing::TestParamInfo<std::string>& param) { return param.param; });

TEST(BadInputCorpus, HasAtLeast35Files) { EXPECT_GE(corpus().size(), 35u); }

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
            "gemm.py: error: -D block_Q: no kernel in this file has a parameter named 'block_Q'; parameters: "
            "matmul(M, N, K, block_M, block_N, block_K, dtype, accum_dtype)");
  EXPECT_TRUE(l.modules.empty());
}

TEST(BadInputDefines, ValueThatIsNotALiteral) {
  FrontendOptions options;
  options.defines["M"] = "1x";
  Lowered l = lower("gemm.py", reference_gemm(), options);
  EXPECT_EQ(first_headline(l, "gemm.py"), "gemm.py: error: -D M=1x: '1x' is not a Python literal");
}

TEST(BadInputDefines, ZeroBlockSizeIsReportedWhereItIsUsed) {
  FrontendOptions options;
  options.defines["block_K"] = "0";
  Lowered l = lower("gemm.py", reference_gemm(), options);
  // The first definition-time use of block_K is the shape of A_shared.
  EXPECT_EQ(first_headline(l, "gemm.py"), "gemm.py:15:49: error: dimension 1 of 'A_shared' must be positive, got 0");
}

TEST(BadInputNesting, FiveThousandParenthesesAreAnErrorNotACrash) {
  std::string deep = std::string(5000, '(') + "1024" + std::string(5000, ')');
  std::string text = replace_once(reference_gemm(), "matmul(1024, 1024, 1024,", "matmul(" + deep + ", 1024, 1024,");
  Lowered l = lower("deep.py", text);
  ASSERT_FALSE(l.diags.empty());
  EXPECT_NE(l.diags.items()[0].message.find("is nested too deeply (more than 200 levels)"), std::string::npos)
      << l.diags.items()[0].message;
  EXPECT_EQ(l.diags.items()[0].span.begin.line, 32u);
  EXPECT_TRUE(l.modules.empty());
}

TEST(BadInputNesting, DeepNestingInsideTheKernel) {
  std::string deep = std::string(3000, '(') + "by" + std::string(3000, ')');
  std::string text = replace_once(reference_gemm(), "T.copy(A[by * block_M", "T.copy(A[" + deep + " * block_M");
  Lowered l = lower("deep.py", text);
  ASSERT_FALSE(l.diags.empty());
  EXPECT_NE(l.diags.items()[0].message.find("nested too deeply"), std::string::npos);
  EXPECT_EQ(l.diags.items()[0].span.begin.line, 22u);
}

TEST(BadInputNesting, DeepNestingInCodeThatIsNeverEvaluatedIsFine) {
  // main() statements other than the instantiating call are not evaluated.
  std::string deep = std::string(5000, '[') + "0" + std::string(5000, ']');
  std::string text =
      replace_once(reference_gemm(), "    import torch\n", "    junk = " + deep + "\n    import torch\n");
  Lowered l = lower("deep.py", text);
  EXPECT_FALSE(l.diags.has_errors()) << first_headline(l, "deep.py");
  EXPECT_EQ(l.modules.size(), 1u);
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
