# A batched GEMM of 3-D tensors: tiled dims are the last two, so the batch's matrices are already
# contiguous (no host regrouping) and page ids add bz's matrix; a 3-D grid (bx, by, bz).
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def bmm(batch=3, M=64, N=96, K=64, block_M=32, block_N=32, block_K=32, dtype="bfloat16"):

    @T.prim_func
    def main(A: T.Tensor((batch, M, K), dtype), B: T.Tensor((batch, K, N), dtype), C: T.Tensor((batch, M, N), dtype)):
        with T.Kernel(N // block_N, M // block_M, batch) as (bx, by, bz):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), "float")
            T.clear(C_local)
            for k in T.Pipelined(K // block_K, num_stages=2):
                T.copy(A[bz, by * block_M, k * block_K], A_shared)
                T.copy(B[bz, k * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            T.copy(C_local, C[bz, by * block_M, bx * block_N])

    return main
