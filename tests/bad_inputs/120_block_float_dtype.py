# expect: 15:59: error: [unsupported] dtype 'bfp8_b' is a block-float format (one exponent shared by 16 values of a face row): its test data, the emulator's pack/unpack and the oracle do not model it yet; use float16, bfloat16 or float32
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def copy(M, N, block_M=32, block_N=32):

    @T.prim_func
    def main(
            A: T.Tensor((M, N), "float16"),
            B: T.Tensor((M, N), "float16"),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_N), "bfp8_b")
            T.copy(A[by * block_M, bx * block_N], A_shared)
            T.copy(A_shared, B[by * block_M, bx * block_N])

    return main


copy(64, 64)
