# Column statistics along dim 0: the column max and the column sum of each 64x96 block are row vectors (row 0 of a row
# of tiles, reduce_tile<REDUCE_COL>), used beside the block by *_tiles_bcast_rows (x[i, j] - cmax[j]) and by a
# broadcast into DST (csum[j] * 0.125). Written for the tests, not by the lowering's author's examples.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def reduce_columns(M=128, N=192, block_M=64, block_N=96, dtype="float32"):

    @T.prim_func
    def main(
            A: T.Tensor((M, N), dtype),
            C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
            a = T.alloc_shared((block_M, block_N), dtype)
            c = T.alloc_fragment((block_M, block_N), dtype)
            cmax = T.alloc_fragment((block_N,), dtype)
            csum = T.alloc_fragment((block_N,), dtype)
            T.copy(A[by * block_M, bx * block_N], a)
            T.reduce_max(a, cmax, dim=0)
            T.reduce_sum(a, csum, dim=0)
            for i, j in T.Parallel(block_M, block_N):
                c[i, j] = (a[i, j] - cmax[j]) + csum[j] * 0.125
            T.copy(c, C[by * block_M, bx * block_N])

    return main
