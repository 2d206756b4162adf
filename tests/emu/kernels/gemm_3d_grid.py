# A GEMM launched on a 3-D grid: bz splits the block rows in two halves, so the persistent loop
# recovers (bx, by, bz) from the linear block id and the row index mixes two block variables.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def gemm_3d_grid(M=256, N=192, K=128, block_M=64, block_N=64, block_K=32, dtype="float16", accum_dtype="float"):
    halves = 2
    rows_per_half = M // (block_M * halves)

    @T.prim_func
    def main(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((K, N), dtype),
            C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), rows_per_half, halves, threads=128) as (bx, by, bz):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
                T.copy(A[(bz * rows_per_half + by) * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            T.copy(C_local, C[(bz * rows_per_half + by) * block_M, bx * block_N])

    return main
