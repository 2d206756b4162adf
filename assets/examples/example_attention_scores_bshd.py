# Attention scores per (batch, head) of BSHD tensors: Scores[b, h] = Q[b, :, h, :] @ K[b, :, h, :]^T.
# A 3-D grid (query block, head, batch) like flash attention's; Q and K are tiled over (seq, dim) as
# batch * heads matrices, Scores (BHSS) over its last two dims; the K loop walks the head dim.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def attention_scores(batch=2, heads=3, seq_len=128, dim=64, block_M=64, block_K=32, dtype="float16",
                accum_dtype="float"):
    shape = [batch, seq_len, heads, dim]

    @T.prim_func
    def main(
            Q: T.Tensor(shape, dtype),
            K: T.Tensor(shape, dtype),
            Scores: T.Tensor([batch, heads, seq_len, seq_len], dtype),
    ):
        with T.Kernel(T.ceildiv(seq_len, block_M), heads, batch, threads=128) as (bx, by, bz):
            Q_shared = T.alloc_shared([block_M, block_K], dtype)
            K_shared = T.alloc_shared([seq_len, block_K], dtype)
            acc_s = T.alloc_fragment([block_M, seq_len], accum_dtype)
            T.clear(acc_s)
            for k in T.Pipelined(T.ceildiv(dim, block_K), num_stages=2):
                T.copy(Q[bz, bx * block_M:(bx + 1) * block_M, by, k * block_K:(k + 1) * block_K], Q_shared)
                T.copy(K[bz, :, by, k * block_K:(k + 1) * block_K], K_shared)
                T.gemm(Q_shared, K_shared, acc_s, transpose_B=True)
            T.copy(acc_s, Scores[bz, by, bx * block_M:(bx + 1) * block_M, :])

    return main
