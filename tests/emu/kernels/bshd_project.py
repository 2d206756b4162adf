# A projection of every (batch, position, head) row of a BSHD tensor: Out[b, s, h, :] = X[b, s, h, :] @ W.
# X and Out are tiled over (seq, dim) as batch * heads matrices (the host regroups them around
# tilize/untilize); W is a plain 2-D matrix. 3-D grid: (seq block, head, batch).
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def bshd_project(batch=2, heads=2, seq_len=96, dim=64, block_M=32, block_K=32, dtype="bfloat16",
                 accum_dtype="float"):
    shape = [batch, seq_len, heads, dim]

    @T.prim_func
    def main(
            X: T.Tensor(shape, dtype),
            W: T.Tensor([dim, dim], dtype),
            Out: T.Tensor(shape, dtype),
    ):
        with T.Kernel(T.ceildiv(seq_len, block_M), heads, batch, threads=128) as (bx, by, bz):
            X_shared = T.alloc_shared([block_M, block_K], dtype)
            W_shared = T.alloc_shared([block_K, dim], dtype)
            acc = T.alloc_fragment([block_M, dim], accum_dtype)
            T.clear(acc)
            for k in T.Pipelined(T.ceildiv(dim, block_K), num_stages=2):
                T.copy(X[bz, bx * block_M:(bx + 1) * block_M, by, k * block_K:(k + 1) * block_K], X_shared)
                T.copy(W[k * block_K, 0], W_shared)
                T.gemm(X_shared, W_shared, acc)
            T.copy(acc, Out[bz, bx * block_M:(bx + 1) * block_M, by, :])

    return main
