# T.reduce_min, T.reduce_absmax and T.reduce_abssum, which have no PoolType of their own: MAX / SUM pooled over a
# prepared copy (-x or |x|) streamed through a two-page ring, min negated back (clear=False: the old values too).
# Along dim 0 (a row vector of 3 tiles) and dim 1 (column vectors of 2 tiles); a division by a broadcast vector.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def reduce_min_absmax(M=128, N=192, block_M=64, block_N=96, dtype="float32"):

    @T.prim_func
    def main(A: T.Tensor((M, N), dtype), C: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
            a = T.alloc_shared((block_M, block_N), dtype)
            c = T.alloc_fragment((block_M, block_N), dtype)
            cmin = T.alloc_fragment((block_N,), dtype)
            amax = T.alloc_fragment((block_M,), dtype)
            asum = T.alloc_fragment((block_M,), dtype)
            rmin = T.alloc_fragment((block_M,), dtype)
            T.copy(A[by * block_M, bx * block_N], a)
            T.reduce_min(a, cmin, dim=0)
            T.reduce_absmax(a, amax, dim=1)
            T.reduce_abssum(a, asum, dim=1)
            T.fill(rmin, 0.25)
            T.reduce_min(a, rmin, dim=1, clear=False)
            for i, j in T.Parallel(block_M, block_N):
                c[i, j] = (a[i, j] - cmin[j]) / amax[i] + asum[i] * 0.01 + rmin[i]
            T.copy(c, C[by * block_M, bx * block_N])

    return main
