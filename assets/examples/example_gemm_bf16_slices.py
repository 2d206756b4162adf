# A bfloat16 GEMM written with explicit slice regions and the older T.Buffer spelling.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def matmul_bf16(M, N, K, block_M=128, block_N=128, block_K=64, dtype="bfloat16", accum_dtype="float"):

    @T.prim_func
    def gemm_bf16(
            A: T.Buffer((M, K), dtype),
            B: T.Buffer((K, N), dtype),
            C: T.Buffer((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)

            T.clear(C_local)

            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
                T.copy(A[by * block_M:(by + 1) * block_M, k * block_K:(k + 1) * block_K], A_shared)
                T.copy(B[k * block_K:(k + 1) * block_K, bx * block_N:(bx + 1) * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)

            T.copy(C_local, C[by * block_M:(by + 1) * block_M, bx * block_N:(bx + 1) * block_N])

    return gemm_bf16


def main():
    M, N, K = 512, 1024, 2048
    kernel = matmul_bf16(M, N, K)

    import torch

    a = torch.randn(M, K).cuda().bfloat16()
    b = torch.randn(K, N).cuda().bfloat16()
    c = kernel(a, b)
    torch.testing.assert_close(c, a @ b, rtol=1e-2, atol=1e-2)


if __name__ == "__main__":
    main()
