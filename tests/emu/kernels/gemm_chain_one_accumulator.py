# Two T.gemm accumulating onto one accumulator in the same iteration (the linear attention examples' o = s @ v with
# clear_accum, then o += q @ h_shared, then dq *= scale): per block of rows and per column block j,
# Out = 0.5 * (A1 @ B1_j + A2 @ B2_j), with another gemm's DST section (Out2 = A1 @ B2_j) between the two. The first
# gemm packs its result into o's CB; the second reloads it into DST, accumulates and runs the epilogue there.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-2, -1])
def gemm_chain(M=128, N=128, K1=64, K2=32, block_M=64, block_N=64, dtype="float16", accum_dtype="float"):

    @T.prim_func
    def main(
            A1: T.Tensor((M, K1), dtype),
            B1: T.Tensor((K1, N), dtype),
            A2: T.Tensor((M, K2), dtype),
            B2: T.Tensor((K2, N), dtype),
            Out: T.Tensor((M, N), dtype),
            Out2: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(M, block_M)) as bx:
            a1 = T.alloc_shared((block_M, K1), dtype)
            a2 = T.alloc_shared((block_M, K2), dtype)
            b1 = T.alloc_shared((K1, block_N), dtype)
            b2 = T.alloc_shared((K2, block_N), dtype)
            a1_half = T.alloc_shared((block_M, K2), dtype)
            o = T.alloc_fragment((block_M, block_N), accum_dtype)
            o2 = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.copy(A1[bx * block_M, 0], a1)
            T.copy(A2[bx * block_M, 0], a2)
            T.copy(A1[bx * block_M, 0], a1_half)
            for j in T.Pipelined(T.ceildiv(N, block_N), num_stages=1):
                T.copy(B1[0, j * block_N], b1)
                T.copy(B2[0, j * block_N], b2)
                T.gemm(a1, b1, o, clear_accum=True)
                T.gemm(a1_half, b2, o2, clear_accum=True)
                T.copy(o2, Out2[bx * block_M, j * block_N])
                T.gemm(a2, b2, o)
                for i, jj in T.Parallel(block_M, block_N):
                    o[i, jj] *= 0.5
                T.copy(o, Out[bx * block_M, j * block_N])

    return main
