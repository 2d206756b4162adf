# A running row max over the column blocks of a row of blocks (T.reduce_max with clear=False accumulates onto the
# vector filled with -inf), then every block minus it: the vector lives across both loops of the block.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def running_max(M=64, N=256, block_M=32, block_N=64, dtype="float32"):

    @T.prim_func
    def main(
            A: T.Tensor((M, N), dtype),
            C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(M, block_M)) as by:
            a = T.alloc_shared((block_M, block_N), dtype)
            c = T.alloc_fragment((block_M, block_N), dtype)
            m = T.alloc_fragment((block_M,), dtype)
            T.fill(m, -T.infinity(dtype))
            for k in T.serial(T.ceildiv(N, block_N)):
                T.copy(A[by * block_M, k * block_N], a)
                T.reduce_max(a, m, dim=1, clear=False)
            for k in T.serial(T.ceildiv(N, block_N)):
                T.copy(A[by * block_M, k * block_N], a)
                for i, j in T.Parallel(block_M, block_N):
                    c[i, j] = a[i, j] - m[i]
                T.copy(c, C[by * block_M, k * block_N])

    return main
