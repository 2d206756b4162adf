// The definition-time evaluator against Python's own semantics: floor division and modulo signs,
// true division, powers, T.ceildiv, min/max, sequences, strings, comparisons, and its errors.
#include <gtest/gtest.h>

#include "compiler/frontend/evaluator.h"
#include "compiler/frontend/frontend_error.h"

namespace tt::frontend {
namespace {

// Evaluates `expr` as the right-hand side of `x = expr`; returns repr() or "error: message".
std::string eval(const std::string& expr) {
  SourceFile source("e.py", "x = " + expr + "\n");
  DiagnosticList diags;
  std::unique_ptr<ParsedFile> file = ParsedFile::parse(source, diags);
  if (!file) return "parse failed";
  Node stmt = file->root().children()[0];
  Node rhs = stmt.children()[0].field("right");
  Evaluator ev(*file);
  try {
    return repr(ev.eval(rhs, ev.new_scope(ev.builtins())));
  } catch (const FrontendError& e) {
    return "error: " + e.diagnostic.message;
  }
}

TEST(PythonEval, IntegerArithmeticFollowsPython) {
  EXPECT_EQ(eval("-7 // 2"), "-4");
  EXPECT_EQ(eval("-7 % 2"), "1");
  EXPECT_EQ(eval("7 % -2"), "-1");
  EXPECT_EQ(eval("7 / 2"), "3.5");
  EXPECT_EQ(eval("8 / 2"), "4.0");
  EXPECT_EQ(eval("2 ** 10"), "1024");
  EXPECT_EQ(eval("2 ** -1"), "0.5");
  EXPECT_EQ(eval("-2 ** 2"), "-4");
  EXPECT_EQ(eval("(1 + 2) * 3 - 4"), "5");
  EXPECT_EQ(eval("True + 1"), "2");
  EXPECT_EQ(eval("0x10 + 0o10 + 0b11 + 1_000"), "1027");
  EXPECT_EQ(eval("1 << 10 | 3"), "1027");
}

TEST(PythonEval, FloatArithmeticFollowsPython) {
  EXPECT_EQ(eval("7.5 // 2"), "3.0");
  EXPECT_EQ(eval("-7.5 % 2"), "0.5");
  EXPECT_EQ(eval("1e3 + 0.5"), "1000.5");
  EXPECT_EQ(eval("1 / 4"), "0.25");
}

TEST(PythonEval, BuiltinsAndTileLangHelpers) {
  EXPECT_EQ(eval("T.ceildiv(1000, 128)"), "8");
  EXPECT_EQ(eval("T.ceildiv(1024, 128)"), "8");
  EXPECT_EQ(eval("T.ceildiv(-7, 2)"), "-3");
  EXPECT_EQ(eval("min(3, 1, 2)"), "1");
  EXPECT_EQ(eval("max((4, 9, 2))"), "9");
  EXPECT_EQ(eval("T.max(4, 5)"), "5");
  EXPECT_EQ(eval("int(7.9)"), "7");
  EXPECT_EQ(eval("float(3)"), "3.0");
  EXPECT_EQ(eval("abs(-5)"), "5");
  EXPECT_EQ(eval("len((1, 2, 3))"), "3");
  EXPECT_EQ(eval("T.float16"), "'float16'");
  EXPECT_EQ(eval("T.float32(1)"), "1.0");
}

TEST(PythonEval, SequencesStringsAndComparisons) {
  EXPECT_EQ(eval("(1, 2) + (3,)"), "(1, 2, 3)");
  EXPECT_EQ(eval("[1] * 3"), "[1, 1, 1]");
  EXPECT_EQ(eval("(10, 20, 30)[-1]"), "30");
  EXPECT_EQ(eval("'fl' 'oat' + '16'"), "'float16'");
  EXPECT_EQ(eval("'a\\tb'"), "'a\tb'");
  EXPECT_EQ(eval("r'a\\tb'"), "'a\\tb'");
  EXPECT_EQ(eval("1 < 2 < 3"), "True");
  EXPECT_EQ(eval("1 < 3 < 2"), "False");
  EXPECT_EQ(eval("2 in (1, 2)"), "True");
  EXPECT_EQ(eval("'x' not in 'abc'"), "True");
  EXPECT_EQ(eval("None is None"), "True");
  EXPECT_EQ(eval("1 if 2 > 1 else 0"), "1");
  EXPECT_EQ(eval("0 or 'default'"), "'default'");
  EXPECT_EQ(eval("not 0"), "True");
  EXPECT_EQ(eval("T.float16 == 'float16'"), "True");
}

TEST(PythonEval, ErrorsAreLocatedMessages) {
  EXPECT_EQ(eval("1 // 0"), "error: integer division or modulo by zero");
  EXPECT_EQ(eval("1 % 0"), "error: integer division or modulo by zero");
  EXPECT_EQ(eval("1 / 0"), "error: division by zero");
  EXPECT_EQ(eval("T.ceildiv(7, 0)"), "error: integer division or modulo by zero");
  EXPECT_EQ(eval("2 ** 64"),
            "error: integer overflow: the result of this definition-time arithmetic does not fit in 64 bits");
  EXPECT_EQ(eval("99999999999999999999"), "error: integer literal is too large (more than 64 bits)");
  EXPECT_EQ(eval("foo + 1"), "error: name 'foo' is not defined");
  EXPECT_EQ(eval("'a' + 1"), "error: unsupported operand types for +: 'str' and 'int'");
  EXPECT_EQ(eval("T.atomic_add(1)"),
            "error: T.atomic_add is a GPU-only intrinsic (atomics): it has no Tenstorrent lowering");
  EXPECT_EQ(eval("T.reduce_sum(1)"), "error: 'T.reduce_sum' can only be used as a statement inside a @T.prim_func");
  EXPECT_EQ(eval("T.atomicc_add(1)"), "error: unsupported TileLang construct 'T.atomicc_add'");
  EXPECT_EQ(eval("(1, 2)[5]"), "error: tuple index out of range");
  EXPECT_EQ(eval("3(4)"), "error: 'int' object is not callable");
}

}  // namespace
}  // namespace tt::frontend
