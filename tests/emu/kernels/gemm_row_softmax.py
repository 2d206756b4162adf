# A gemm's accumulator read by reductions and vector maps in the same kernel (flash attention's inner step
# without the second gemm): C = A @ B over a K loop, then a softmax of each row of C scaled by `scale`, in base 2.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def gemm_row_softmax(M=128, N=64, K=128, block_M=32, block_K=32, scale=0.125):

    @T.prim_func
    def main(
            A: T.Tensor((M, K), "float16"),
            B: T.Tensor((K, N), "float16"),
            Y: T.Tensor((M, N), "float32"),
    ):
        with T.Kernel(T.ceildiv(M, block_M)) as bx:
            A_shared = T.alloc_shared((block_M, block_K), "float16")
            B_shared = T.alloc_shared((block_K, N), "float16")
            C = T.alloc_fragment((block_M, N), "float32")
            m = T.alloc_fragment((block_M,), "float32")
            l = T.alloc_fragment((block_M,), "float32")
            T.clear(C)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
                T.copy(A[bx * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, 0], B_shared)
                T.gemm(A_shared, B_shared, C)
            T.reduce_max(C, m, dim=1)
            for i, j in T.Parallel(block_M, N):
                C[i, j] = T.exp2(C[i, j] * scale - m[i] * scale)
            T.reduce_sum(C, l, dim=1)
            for i, j in T.Parallel(block_M, N):
                C[i, j] /= l[i]
            T.copy(C, Y[bx * block_M, 0])

    return main
