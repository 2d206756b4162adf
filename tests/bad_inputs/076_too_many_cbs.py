# expect: 15:9: error: [target] too many circular buffers: 34 needed, device wormhole_n150 has 32
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def matmul(M, N, K, block_M, block_N, block_K, dtype="float16", accum_dtype="float"):

    @T.prim_func
    def gemm(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((K, N), dtype),
            C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)

            T.clear(C_local)
            X0 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X0)
            X1 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X1)
            X2 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X2)
            X3 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X3)
            X4 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X4)
            X5 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X5)
            X6 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X6)
            X7 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X7)
            X8 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X8)
            X9 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X9)
            X10 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X10)
            X11 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X11)
            X12 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X12)
            X13 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X13)
            X14 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X14)
            X15 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X15)
            X16 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X16)
            X17 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X17)
            X18 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X18)
            X19 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X19)
            X20 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X20)
            X21 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X21)
            X22 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X22)
            X23 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X23)
            X24 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X24)
            X25 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X25)
            X26 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X26)
            X27 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X27)
            X28 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X28)
            X29 = T.alloc_shared((block_M, block_K), dtype)
            T.copy(A[by * block_M, 0], X29)

            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=3):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)

            T.copy(C_local, C[by * block_M, bx * block_N])

    return gemm


def main():
    kernel = matmul(1024, 1024, 1024, 32, 32, 32)
