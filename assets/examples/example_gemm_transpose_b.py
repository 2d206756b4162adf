# A GEMM with B stored as (N, K) and multiplied transposed: C = A @ B^T.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def matmul_nt(M, N, K, block_M, block_N, block_K, dtype="float16", accum_dtype="float"):

    @T.prim_func
    def gemm_nt(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((N, K), dtype),
            C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_N, block_K), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)

            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=3):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[bx * block_N, k * block_K], B_shared)
                T.gemm(A_shared, B_shared, C_local, transpose_B=True)

            T.copy(C_local, C[by * block_M, bx * block_N])

    return gemm_nt


def main():
    kernel = matmul_nt(256, 512, 1024, 64, 64, 32)

    import torch

    a = torch.randn(256, 1024).cuda().half()
    b = torch.randn(512, 1024).cuda().half()
    c = kernel(a, b)
    torch.testing.assert_close(c, a @ b.T, rtol=1e-2, atol=1e-2)


if __name__ == "__main__":
    main()
