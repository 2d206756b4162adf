# Two T.gemm accumulating over one K loop: per output block, Out1 = A @ B and Out2 = A @ C^T, both summed over
# the same K loop with A_shared read by both gemms (the reader streams it once per step; the first gemm waits for
# its pages, the last pops them). Each accumulator is its own DST section per step, its partial sums kept in its
# own CB between the steps (the sections do not nest). -D block_M=128 -D block_N=128 makes each block 4x4 fp32 tiles,
# more than DST holds: each accumulator is then computed in sub-blocks.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-2, -1])
def two_accumulators(M=128, N=128, K=128, block_M=64, block_N=64, block_K=32, dtype="float16",
                     accum_dtype="float"):

    @T.prim_func
    def main(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((K, N), dtype),
            C: T.Tensor((N, K), dtype),
            Out1: T.Tensor((M, N), dtype),
            Out2: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_shared = T.alloc_shared((block_N, block_K), dtype)
            acc1 = T.alloc_fragment((block_M, block_N), accum_dtype)
            acc2 = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.clear(acc1)
            T.clear(acc2)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bx * block_N], B_shared)
                T.copy(C[bx * block_N, k * block_K], C_shared)
                T.gemm(A_shared, B_shared, acc1)
                T.gemm(A_shared, C_shared, acc2, transpose_B=True)
            T.copy(acc1, Out1[by * block_M, bx * block_N])
            T.copy(acc2, Out2[by * block_M, bx * block_N])

    return main
