# A GEMM whose K loop runs a number of steps that depends on the block (issue 13, causal attention's KV loop):
# block (bx, by) accumulates only the first min(K / block_K, bx + by + 1) K blocks, C = A[:, :k_b] @ B[:k_b, :].
# Every core computes its blocks' trip counts from the block index, so its reader, compute and writer agree on
# how many A/B pages flow; the count varies along rows and columns of blocks, so no panel is multicast.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def gemm_causal_k(M=256, N=256, K=256, block_M=64, block_N=64, block_K=32, dtype="float16", accum_dtype="float"):

    @T.prim_func
    def main(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((K, N), dtype),
            C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.clear(C_local)
            for k in T.Pipelined(T.min(T.ceildiv(K, block_K), bx + by + 1), num_stages=2):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            T.copy(C_local, C[by * block_M, bx * block_N])

    return main
