# expect: 10:9: error: [frontend] @T.prim_func 'gemm' has no 'with T.Kernel(...)' block
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
        k_tiles = T.ceildiv(K, block_K)

    return gemm


def main():
    kernel = matmul(1024, 1024, 1024, 128, 128, 32)
