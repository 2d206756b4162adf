// locate_output_element(): the work partition places the element; the final IR's NoC write of the
// buffer and the pack into the CB it writes from name the generated lines, through their provenance.
#include "compiler/codegen/output_origin.h"

#include <algorithm>
#include <cctype>

#include "compiler/codegen/cpp_names.h"
#include "compiler/ir/functor.h"
#include "compiler/ir/tt_intrinsics.h"
#include "compiler/ir/tt_metadata.h"

namespace tt {

namespace {

std::optional<ir::BufferLayout> output_layout(const ir::Module& module, const std::string& buffer) {
  for (const ir::BufferLayout& l : ir::all_buffer_layouts(module)) {
    const bool output = l.role == "output" || l.role == "inout";
    if (buffer.empty() ? output : l.name == buffer) return l;
  }
  return std::nullopt;
}

const ir::TTCallNode* as_call(const ir::Stmt& s, ir::TTIntrinsic op) {
  if (s->kind != ir::StmtKind::TTCall) return nullptr;
  const auto* call = static_cast<const ir::TTCallNode*>(s.get());
  return call->op == op ? call : nullptr;
}

const ir::CBRefNode* cb_operand(const ir::TTCallNode& call, ir::TTOperand kind) {
  const int i = ir::intrinsic_info(call.op).find(kind);
  if (i < 0 || static_cast<size_t>(i) >= call.args.size() || call.args[i]->kind != ir::ExprKind::CBRef) return nullptr;
  return static_cast<const ir::CBRefNode*>(call.args[i].get());
}

// The calls that write `buffer` to DRAM and the packs that fill the CB those writes read.
struct WriterCalls {
  std::vector<const ir::TTCallNode*> writes, packs;
};

WriterCalls writer_calls(const ir::Module& module, const std::string& buffer) {
  WriterCalls out;
  std::vector<int> cbs;
  for (const ir::PrimFunc& f : module.funcs) {
    ir::for_each_stmt(f.body, [&](const ir::Stmt& s) {
      const ir::TTCallNode* w = as_call(s, ir::TTIntrinsic::NocWriteTile);
      if (!w) return;
      const int i = ir::intrinsic_info(w->op).find(ir::TTOperand::DramBuffer);
      if (i < 0 || w->args[i]->kind != ir::ExprKind::StringImm ||
          static_cast<const ir::StringImmNode*>(w->args[i].get())->value != buffer) {
        return;
      }
      out.writes.push_back(w);
      if (const ir::CBRefNode* cb = cb_operand(*w, ir::TTOperand::CbRead)) cbs.push_back(cb->index);
    });
  }
  for (const ir::PrimFunc& f : module.funcs) {
    ir::for_each_stmt(f.body, [&](const ir::Stmt& s) {
      const ir::TTCallNode* p = as_call(s, ir::TTIntrinsic::PackTile);
      const ir::CBRefNode* cb = p ? cb_operand(*p, ir::TTOperand::CbFill) : nullptr;
      if (cb && std::find(cbs.begin(), cbs.end(), cb->index) != cbs.end()) out.packs.push_back(p);
    });
  }
  return out;
}

// `word` occurs in `text` as a whole C identifier (cb_C is not cb_C_local).
bool has_identifier(std::string_view text, std::string_view word) {
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !ident(text[at - 1]);
    const bool ends = at + word.size() == text.size() || !ident(text[at + word.size()]);
    if (starts && ends) return true;
  }
  return false;
}

std::string trimmed(std::string_view s) {
  const size_t b = s.find_first_not_of(' ');
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b));
}

// The lines of generated files that came from `call` (same source span) and spell its API call
// with its CB operand (`kind`).
void add_generated_lines(const KernelResult& kernel, const ir::TTCallNode& call, ir::TTOperand kind,
                         std::vector<GeneratedLine>& out) {
  const std::string api = std::string(ir::intrinsic_info(call.op).name) + "(";
  const ir::CBRefNode* cb = cb_operand(call, kind);
  const std::string cb_var = cb ? "cb_" + codegen::c_identifier(cb->name) : "";
  for (const Artifact& a : kernel.artifacts) {
    size_t begin = 0;
    for (size_t line = 0; begin < a.text.size(); ++line) {
      size_t end = a.text.find('\n', begin);
      if (end == std::string::npos) end = a.text.size();
      const std::string_view text(a.text.data() + begin, end - begin);
      begin = end + 1;
      if (line >= a.provenance.size() || !(a.provenance[line] == call.span)) continue;
      if (text.find(api) == std::string_view::npos) continue;
      if (!cb_var.empty() && !has_identifier(text, cb_var)) continue;
      const bool seen = std::any_of(out.begin(), out.end(), [&](const GeneratedLine& g) {
        return g.artifact == a.name && g.line == static_cast<int>(line + 1);
      });
      if (!seen) out.push_back({a.name, static_cast<int>(line + 1), trimmed(text), call.span});
    }
  }
}

std::string source_line_suffix(const SourceSpan& span) {
  return span.valid() ? " (source line " + std::to_string(span.begin.line) + ")" : "";
}

}  // namespace

std::optional<OutputTiling> output_tiling(const KernelResult& kernel, const std::string& buffer) {
  const std::optional<ir::WorkPartition> wp = ir::get_work_partition(kernel.module);
  const std::optional<ir::BufferLayout> layout = output_layout(kernel.module, buffer);
  if (!wp || !layout || wp->block_grid.size() != 2 || wp->block_tiles.size() != 2 || layout->tile.size() != 2 ||
      layout->tile[0] <= 0 || layout->tile[1] <= 0 || wp->block_tiles[0] <= 0 || wp->block_tiles[1] <= 0) {
    return std::nullopt;
  }
  return OutputTiling{layout->tile[0],    layout->tile[1],   wp->block_tiles[0],
                      wp->block_tiles[1], wp->block_grid[0], wp->block_grid[1]};
}

std::optional<ir::CoreWork> core_of_block(const KernelResult& kernel, int64_t block) {
  const std::optional<ir::WorkPartition> wp = ir::get_work_partition(kernel.module);
  if (!wp) return std::nullopt;
  for (const ir::CoreWork& c : wp->cores) {
    if (block >= c.start && block < c.start + c.count) return c;
  }
  return std::nullopt;
}

OutputOrigin locate_output_element(const KernelResult& kernel, const std::string& buffer, int64_t row, int64_t col) {
  OutputOrigin o;
  const std::optional<ir::BufferLayout> layout = output_layout(kernel.module, buffer);
  o.buffer = layout ? layout->name : buffer.empty() ? "the output" : buffer;
  o.row = row;
  o.col = col;
  const std::optional<OutputTiling> t = output_tiling(kernel, o.buffer);
  if (!t) return o;
  o.located = true;
  o.tile_row = row / t->tile_rows;
  o.tile_col = col / t->tile_cols;
  o.by = o.tile_row / t->block_rows;
  o.bx = o.tile_col / t->block_cols;
  o.block = o.by * t->blocks_x + o.bx;
  o.core = core_of_block(kernel, o.block);
  const WriterCalls calls = writer_calls(kernel.module, o.buffer);
  for (const ir::TTCallNode* p : calls.packs) add_generated_lines(kernel, *p, ir::TTOperand::CbFill, o.writers);
  for (const ir::TTCallNode* w : calls.writes) add_generated_lines(kernel, *w, ir::TTOperand::CbRead, o.writers);
  return o;
}

std::vector<std::string> describe(const OutputOrigin& o) {
  std::vector<std::string> out;
  const std::string element = o.buffer + "[" + std::to_string(o.row) + ", " + std::to_string(o.col) + "]";
  if (!o.located) {
    out.push_back(element);
    return out;
  }
  out.push_back(element + ", tile (" + std::to_string(o.tile_row) + ", " + std::to_string(o.tile_col) +
                "), block (bx " + std::to_string(o.bx) + ", by " + std::to_string(o.by) + ") = linear block " +
                std::to_string(o.block));
  if (o.core) {
    out.push_back("computed by core (" + std::to_string(o.core->x) + ", " + std::to_string(o.core->y) + "), blocks [" +
                  std::to_string(o.core->start) + ", " + std::to_string(o.core->start + o.core->count) + ")");
  }
  for (const GeneratedLine& g : o.writers) {
    out.push_back("written by " + g.artifact + ":" + std::to_string(g.line) + " `" + g.text + "`" +
                  source_line_suffix(g.source));
  }
  return out;
}

}  // namespace tt
