# expect: 27:17: error: [unsupported] the T.Parallel map that initialises accumulator S before T.gemm is not one constant over the block and not a per-tile mask: its edge crosses tiles at an offset of 27 elements, so 2 different mixed tiles occur (one constant mask tile is supported: an edge aligned to the tile grid)
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def causal_kv_loop(M=128, N=128, K=64, L=64, block_M=64, block_N=32, dtype="float16", accum_dtype="float"):

    @T.prim_func
    def main(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((N, K), dtype),
            C: T.Tensor((N, L), dtype),
            Out: T.Tensor((M, L), dtype),
    ):
        with T.Kernel(T.ceildiv(M, block_M)) as bx:
            A_shared = T.alloc_shared((block_M, K), dtype)
            B_shared = T.alloc_shared((block_N, K), dtype)
            C_shared = T.alloc_shared((block_N, L), dtype)
            S = T.alloc_fragment((block_M, block_N), accum_dtype)
            S_cast = T.alloc_fragment((block_M, block_N), dtype)
            O = T.alloc_fragment((block_M, L), accum_dtype)
            T.copy(A[bx * block_M, 0], A_shared)
            T.clear(O)
            for k in T.Pipelined(T.ceildiv(N, block_N), num_stages=1):
                T.copy(B[k * block_N, 0], B_shared)
                for i, j in T.Parallel(block_M, block_N):
                    S[i, j] = T.if_then_else(bx * block_M + i >= k * block_N + j + 5, 0, -T.infinity(accum_dtype))
                T.gemm(A_shared, B_shared, S, transpose_B=True)
                T.copy(S, S_cast)
                T.copy(C[k * block_N, 0], C_shared)
                T.gemm(S_cast, C_shared, O)
            T.copy(O, Out[bx * block_M, 0])

    return main
