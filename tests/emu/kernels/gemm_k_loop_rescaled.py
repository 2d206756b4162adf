# A GEMM whose accumulator is updated by a map inside the K loop, before each T.gemm accumulates:
# C = sum_k 0.5^(n_k - k) A_k @ B_k (an exponentially decayed sum over the K blocks). The 64x64 fp32 block fits
# DST, so the accumulator stays in DST across the loop and the map runs there (mul_unary_tile) before each
# step's matmul_tiles; flash attention's acc_o rescale is the same shape with a per-row factor.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def gemm_k_loop_rescaled(M=128, N=128, K=256, block_M=64, block_N=64, block_K=32, dtype="float16",
                         accum_dtype="float"):

    @T.prim_func
    def main(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((K, N), dtype),
            C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bx * block_N], B_shared)
                for i, j in T.Parallel(block_M, block_N):
                    C_local[i, j] = C_local[i, j] * 0.5
                T.gemm(A_shared, B_shared, C_local)
            T.copy(C_local, C[by * block_M, bx * block_N])

    return main
