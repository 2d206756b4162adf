# Two T.gemm per block, the first one's result feeding the second through a CB: Out = (A @ B^T) @ C,
# the scores S = A @ B^T cast to fp16 (S_cast) before the second gemm, as flash attention casts P.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def two_gemms(M=128, N=64, K=64, L=64, block_M=64, dtype="float16", accum_dtype="float"):

    @T.prim_func
    def main(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((N, K), dtype),
            C: T.Tensor((N, L), dtype),
            Out: T.Tensor((M, L), dtype),
    ):
        with T.Kernel(T.ceildiv(M, block_M)) as bx:
            A_shared = T.alloc_shared((block_M, K), dtype)
            B_shared = T.alloc_shared((N, K), dtype)
            C_shared = T.alloc_shared((N, L), dtype)
            S = T.alloc_fragment((block_M, N), accum_dtype)
            S_cast = T.alloc_fragment((block_M, N), dtype)
            O = T.alloc_fragment((block_M, L), accum_dtype)
            T.copy(A[bx * block_M, 0], A_shared)
            T.copy(B[0, 0], B_shared)
            T.clear(S)
            T.gemm(A_shared, B_shared, S, transpose_B=True)
            T.copy(S, S_cast)
            T.copy(C[0, 0], C_shared)
            T.clear(O)
            T.gemm(S_cast, C_shared, O)
            T.copy(O, Out[bx * block_M, 0])

    return main
