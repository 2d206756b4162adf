// tensorize_tt, when compute releases the pages of an on-chip block it reads (see plan_cb_reads in
// tensorize_tt_lowering.h). A block's CB holds one version of the block at a time; the first compute reader of a
// version waits for its pages and the last one pops them, so every version is waited for once and popped once
// (what verify_tt_ir counts), however many statements read it. Liveness is decided per sequence of statements,
// loops summarised (the same rules, mirrored, place the waits):
// - a read pops when the next statement touching the block only writes it, or when no later statement of the
//   sequence touches it and the sequence writes the block somewhere (the version dies in this sequence: the
//   next iteration or block rewrites it);
// - a block read in a loop but written outside it (flash attention's Q, softmax's lse in its second loop)
//   keeps its pages across the iterations: the loop counts as one read in the enclosing sequence, and the
//   pop goes after the loop if that read is the last;
// - a map that updates a block in place (lse[i] = f(lse[i], ...)) consumes the old version tile by tile and
//   pushes the new one behind it (lower_map's ring), so it is a read that pops and a write;
// - a loop whose body reads a block before writing it (carried across iterations) is such an update too, and the
//   last read in its body leaves the version it reads for the next iteration;
// - a version written and overwritten before any read is popped right after its write, and so is the last version
//   a loop body writes when nothing reads it before the next iteration overwrites it.
#include <algorithm>
#include <set>

#include "compiler/ir/functor.h"
#include "compiler/passes/tensorize_tt_lowering.h"
#include "compiler/passes/tile_op_analysis.h"

namespace tt::passes::tensorize {

using namespace ir;

namespace {

struct Access {
  bool read = false, write = false;
  bool consumes = false;  // the statement itself pops the old version (an in-place update)
  // A loop that carries the block and whose body waits for each version once, after its last write (carried_waited
  // below): the enclosing sequence waits for the incoming version before the loop, and the version the loop leaves
  // is already waited for (released by a pop alone).
  bool wait_before = false;
  bool leaves_waited = false;
};
using Accesses = std::map<std::string, Access>;

class Planner {
 public:
  Planner(const std::map<std::string, std::string>& staged, const std::set<std::string>& sent_by_compute,
          const std::map<const StmtNode*, std::string>& in_dst, CbReads& out)
      : staged_(staged), sent_by_compute_(sent_by_compute), in_dst_(in_dst), out_(out) {}

  // The accesses of `items` as one statement of the enclosing sequence; decides the pops inside.
  Accesses sequence(const std::vector<Stmt>& given, bool loop_body) {
    // T.gemm(clear_accum=True) is T.clear of its accumulator then the gemm: the clear writes the version the gemm
    // accumulates onto (a statement of this plan only; the rewriter never looks it up).
    std::vector<Stmt> items;
    for (const Stmt& s : given) {
      if (s && s->kind == StmtKind::Gemm && as<GemmNode>(s)->clear_accum) {
        const GemmNode* g = as<GemmNode>(s);
        items.push_back(make_fill(g->c, float_imm(0.0), true, g->span));
      }
      items.push_back(s);
    }
    std::vector<Accesses> acc;
    for (const Stmt& s : items) acc.push_back(s ? accesses(s) : Accesses{});
    Accesses summary;
    for (size_t i = 0; i < items.size(); ++i) {
      const bool loop =
          items[i] && items[i]->kind == StmtKind::For && as<ForNode>(items[i])->for_kind != ForKind::Parallel;
      for (const auto& [cb, a] : acc[i]) {
        const std::optional<size_t> next = next_access(acc, i, cb);
        const std::optional<size_t> prev = prev_access(acc, i, cb);
        const bool owned = std::any_of(acc.begin(), acc.end(), [&](const Accesses& x) {
          auto it = x.find(cb);
          return it != x.end() && it->second.write;
        });
        // The first read of a version waits for its pages (a loop that consumes a block waits inside, unless it
        // asks for the wait before it). In a body that carries the block with its last version waited for, the
        // incoming version of the first iteration is waited for before the loop instead.
        const Access* before = prev ? &acc[*prev].at(cb) : nullptr;
        const bool new_version = before ? before->write && !before->leaves_waited : owned;
        if (a.read && (!(loop && a.consumes) || a.wait_before) && new_version) {
          if (!prev && carried_waited(acc, cb, loop_body)) {
            summary[cb].wait_before = true;
          } else {
            mark(items[i], cb, out_.wait_before_read);
          }
        }
        // A block this sequence only reads and that one of its statements consumes (a gemm operand kept across a
        // loop, popped by the gemm's plan): the enclosing sequence sees the read.
        if (a.read && a.consumes && !owned) summary[cb].read = summary[cb].consumes = true;
        // In a loop body whose first access reads the block (carried across iterations: flash attention's
        // scores_max, copied to scores_max_prev at the top of the KV loop), the version left by the body is the one
        // the next iteration reads: its last read does not pop it.
        const bool carried = loop_body && acc[first_access(acc, cb)].at(cb).read;
        if (a.read && !a.consumes) {
          if (next ? write_only(acc[*next].at(cb)) : owned && !carried) {
            mark(items[i], cb, out_.pop_after_read);
          } else if (!next && !owned) {
            summary[cb].read = true;  // an outer version, read across this sequence: the enclosing one decides
          }
        }
        if (a.write && next && write_only(acc[*next].at(cb))) drop(items[i], cb, a);
      }
    }
    // A block written here: the incoming version is consumed here if the first access reads it (that read, or
    // the last read before the first write, pops it); a version leaves the sequence if the last access writes it,
    // except in a loop body that does not read the block first: the next iteration overwrites that version unread.
    for (size_t i = 0; i < items.size(); ++i) {
      for (const auto& [cb, a] : acc[i]) {
        if (!a.write) continue;
        const bool read_first = acc[first_access(acc, cb)].at(cb).read;
        if (read_first) summary[cb].read = summary[cb].consumes = true;
        // A carried block read after its last write in the body: its reads left that version for the next
        // iteration, and it leaves the loop after the last one.
        if (loop_body && read_first) {
          summary[cb].write = true;
          if (carried_waited(acc, cb, loop_body)) summary[cb].leaves_waited = true;
        }
        if (next_access(acc, i, cb)) continue;
        if (loop_body && !read_first) {
          drop(items[i], cb, a);
        } else {
          summary[cb].write = true;
          if (a.leaves_waited) summary[cb].leaves_waited = true;
        }
      }
    }
    return summary;
  }

 private:
  static bool write_only(const Access& a) { return a.write && !a.read; }

  // A loop body that reads the block first (carried across iterations) and reads it again after its last write:
  // that read waits for the version the next iteration starts from, so the first read does not wait again.
  static bool carried_waited(const std::vector<Accesses>& acc, const std::string& cb, bool loop_body) {
    if (!loop_body || !acc[first_access(acc, cb)].at(cb).read) return false;
    std::optional<size_t> last_write;
    for (size_t j = 0; j < acc.size(); ++j) {
      auto it = acc[j].find(cb);
      if (it != acc[j].end() && it->second.write) last_write = j;
    }
    if (!last_write) return false;
    for (size_t j = *last_write + 1; j < acc.size(); ++j) {
      auto it = acc[j].find(cb);
      if (it != acc[j].end() && it->second.read) return true;
    }
    return false;
  }

  // A version written by `at` and overwritten (or left) unread: waited for and popped after it, or only popped when
  // the loop `at` already waited for it.
  void drop(const Stmt& at, const std::string& cb, const Access& a) {
    mark(at, cb, a.leaves_waited ? out_.pop_after_read : out_.drop_after_write);
  }

  static std::optional<size_t> next_access(const std::vector<Accesses>& acc, size_t i, const std::string& cb) {
    for (size_t j = i + 1; j < acc.size(); ++j) {
      if (acc[j].count(cb)) return j;
    }
    return std::nullopt;
  }
  static std::optional<size_t> prev_access(const std::vector<Accesses>& acc, size_t i, const std::string& cb) {
    for (size_t j = i; j-- > 0;) {
      if (acc[j].count(cb)) return j;
    }
    return std::nullopt;
  }
  static size_t first_access(const std::vector<Accesses>& acc, const std::string& cb) {
    for (size_t j = 0; j < acc.size(); ++j) {
      if (acc[j].count(cb)) return j;
    }
    return acc.size();
  }

  static void mark(const Stmt& at, const std::string& cb, std::map<const StmtNode*, std::vector<std::string>>& where) {
    std::vector<std::string>& list = where[at.get()];
    if (std::find(list.begin(), list.end(), cb) == list.end()) list.push_back(cb);
  }

  // The CB a write of `buffer` fills: a block copied to global memory is packed into that buffer's output CB.
  std::string written_cb(const Buffer& buffer) const {
    auto it = staged_.find(buffer->name);
    return it == staged_.end() ? buffer->name : it->second;
  }

  Accesses accesses(const Stmt& s) {
    Accesses acc;
    auto read = [&](const Buffer& b) {
      if (b->scope == MemScope::CircularBuffer) acc[b->name].read = true;
    };
    auto write = [&](const Buffer& b, bool compute) {
      if (b->scope != MemScope::CircularBuffer) return;
      const std::string cb = compute ? written_cb(b) : b->name;
      if (cb == b->name) acc[cb].write = true;  // a staged output is the writer's to drain
    };
    switch (s->kind) {
      case StmtKind::Seq:
        return sequence(as<SeqNode>(s)->stmts, false);
      case StmtKind::For: {
        auto* f = as<ForNode>(s);
        if (f->for_kind == ForKind::Parallel) break;
        std::vector<Stmt> body = {f->body};
        if (f->body && f->body->kind == StmtKind::Seq) body = as<SeqNode>(f->body)->stmts;
        return sequence(body, true);
      }
      case StmtKind::Copy: {
        auto* c = as<CopyNode>(s);
        // A copy to global memory is the writer's read (or compute's, packing the block into the output CB);
        // from global, the reader's write.
        if (c->dst.buffer->scope == MemScope::Global) {
          if (sent_by_compute_.count(c->src.buffer->name)) read(c->src.buffer);
          return acc;
        }
        if (c->src.buffer->scope != MemScope::Global) read(c->src.buffer);
        write(c->dst.buffer, c->src.buffer->scope != MemScope::Global);
        break;
      }
      case StmtKind::Reduce:
        read(as<ReduceNode>(s)->src.buffer);
        if (!as<ReduceNode>(s)->clear) read(as<ReduceNode>(s)->dst.buffer);  // accumulates onto the old vector
        write(as<ReduceNode>(s)->dst.buffer, true);
        break;
      case StmtKind::Fill:
        write(as<FillNode>(s)->dst.buffer, true);
        break;
      case StmtKind::Gemm: {
        // The gemm's plan waits for and pops its operands itself (per K step or after the loop it is kept across):
        // here they are accesses that consume what they read, so that no other rule places a wait or a pop.
        auto* g = as<GemmNode>(s);
        for (const Buffer& b : {g->a.buffer, g->b.buffer, g->c.buffer}) read(b);
        write(g->c.buffer, false);
        for (auto& [cb, a] : acc) a.consumes = true;
        return acc;
      }
      default:
        break;
    }
    if (s->kind == StmtKind::For) {  // a T.Parallel map
      for_each_stmt(s, [&](const Stmt& x) {
        if (x->kind != StmtKind::Store) return;
        for (const BufferUse& u : buffer_uses(x)) u.write ? write(u.buffer, true) : read(u.buffer);
      });
      // A gemm epilogue updates its accumulator in DST, inside the gemm's sections.
      if (auto it = in_dst_.find(s.get()); it != in_dst_.end()) acc.erase(it->second);
    }
    for (auto& [cb, a] : acc) a.consumes = a.read && a.write;
    return acc;
  }

  const std::map<std::string, std::string>& staged_;
  const std::set<std::string>& sent_by_compute_;
  const std::map<const StmtNode*, std::string>& in_dst_;
  CbReads& out_;
};

}  // namespace

CbReads plan_cb_reads(const Stmt& body, const std::map<std::string, std::string>& staged,
                      const std::set<std::string>& sent_by_compute, const std::map<const StmtNode*, std::string>& in_dst) {
  CbReads out;
  if (!body) return out;
  Planner planner(staged, sent_by_compute, in_dst, out);
  std::vector<Stmt> items = {body};
  if (body->kind == StmtKind::Seq) items = as<SeqNode>(body)->stmts;
  planner.sequence(items, false);
  return out;
}

namespace {
bool listed(const std::map<const StmtNode*, std::vector<std::string>>& plan, const StmtNode* at,
            const std::string& cb) {
  auto it = plan.find(at);
  return it != plan.end() && std::find(it->second.begin(), it->second.end(), cb) != it->second.end();
}
}  // namespace

bool CbReads::waits(const StmtNode* at, const std::string& cb) const { return listed(wait_before_read, at, cb); }
bool CbReads::pops(const StmtNode* at, const std::string& cb) const { return listed(pop_after_read, at, cb); }

}  // namespace tt::passes::tensorize
