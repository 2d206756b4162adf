# Blocks streamed into their reductions (a map right before T.reduce_* whose result feeds nothing else): the column
# sum of squares along dim 0 (a row vector of 3 tiles) and a running row max with clear=False onto a vector filled
# with 0.5 (a column vector of 2 tiles): each source tile is packed to a two-page ring and pooled at once onto the
# vector tile reloaded from its CB, step k of every vector tile before step k + 1.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def reduce_streamed(M=128, N=192, block_M=64, block_N=96, dtype="float32"):

    @T.prim_func
    def main(A: T.Tensor((M, N), dtype), C: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
            a = T.alloc_shared((block_M, block_N), dtype)
            sq = T.alloc_fragment((block_M, block_N), dtype)
            e = T.alloc_fragment((block_M, block_N), dtype)
            c = T.alloc_fragment((block_M, block_N), dtype)
            ss = T.alloc_fragment((block_N,), dtype)
            rm = T.alloc_fragment((block_M,), dtype)
            T.copy(A[by * block_M, bx * block_N], a)
            for i, j in T.Parallel(block_M, block_N):
                sq[i, j] = a[i, j] * a[i, j]
            T.reduce_sum(sq, ss, dim=0)
            T.fill(rm, 0.5)
            for i, j in T.Parallel(block_M, block_N):
                e[i, j] = a[i, j] + 1.0
            T.reduce_max(e, rm, dim=1, clear=False)
            for i, j in T.Parallel(block_M, block_N):
                c[i, j] = a[i, j] * ss[j] - rm[i]
            T.copy(c, C[by * block_M, bx * block_N])

    return main
