# GEMMs whose K is one block: no K loop, each T.gemm reduces its whole K extent in one call. The
# 128x128 fp32 accumulator (16 tiles) exceeds DST (8), so the block is packed in sub-blocks.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def gemm_whole_k(M=256, N=256, K=64, block_M=128, block_N=128, dtype="float16", accum_dtype="float"):

    @T.prim_func
    def main(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((K, N), dtype),
            C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
            A_shared = T.alloc_shared((block_M, K), dtype)
            B_shared = T.alloc_shared((K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.copy(A[by * block_M, 0], A_shared)
            T.copy(B[0, bx * block_N], B_shared)
            T.clear(C_local)
            T.gemm(A_shared, B_shared, C_local)
            T.copy(C_local, C[by * block_M, bx * block_N])

    return main
