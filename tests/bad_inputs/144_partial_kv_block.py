# expect: 24:24: error: [unsupported] T.copy region K[k * 64:k * 64 + 64, 0:64] reaches [64, 128) in dimension 0 of K, which has 96: the last block is partial, and partial blocks (padding) are not lowered; choose sizes whose block divides that dimension
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def partial_kv_block(seq_len=96, dim=64, block_M=32, block_N=64, dtype="float16", accum_dtype="float"):

    @T.prim_func
    def main(
            Q: T.Tensor((seq_len, dim), dtype),
            K: T.Tensor((seq_len, dim), dtype),
            S_out: T.Tensor((seq_len, block_N), dtype),
    ):
        with T.Kernel(T.ceildiv(seq_len, block_M)) as bx:
            Q_shared = T.alloc_shared((block_M, dim), dtype)
            K_shared = T.alloc_shared((block_N, dim), dtype)
            S = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.copy(Q[bx * block_M, 0], Q_shared)
            # The key-length mask of flash attention: on the tile grid here, but the last KV block is partial.
            for k in T.serial(T.ceildiv(seq_len, block_N)):
                for i, j in T.Parallel(block_M, block_N):
                    S[i, j] = T.if_then_else(k * block_N + j >= seq_len, -T.infinity(accum_dtype), 0)
                T.copy(K[k * block_N, 0], K_shared)
                T.gemm(Q_shared, K_shared, S, transpose_B=True)
                T.copy(S, S_out[bx * block_M, 0])

    return main
