# GEMM with a fused epilogue, in today's eager syntax: C = relu(A @ B + Bias), accumulated in float32, a
# float32 bias per output column, cast to bfloat16 through a staging buffer. On Tenstorrent the epilogue
# runs on the accumulator's DST tiles after the last K step, before they are packed (in the output's
# format): the bias block is read once per output block, each of its tiles broadcast down a spare DST
# tile (unary_bcast<ROW>) and added to the accumulator's tiles of its columns.
import tilelang
import tilelang.language as T


@tilelang.jit
def matmul_epilogue(A, B, Bias, block_M: int = 64, block_N: int = 64, block_K: int = 64):
    M, N, K = T.const("M, N, K")
    dtype = T.bfloat16
    accum_dtype = T.float32
    A: T.Tensor((M, K), dtype)
    B: T.Tensor((K, N), dtype)
    Bias: T.Tensor((N,), accum_dtype)
    C = T.empty((M, N), dtype)

    with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
        A_shared = T.alloc_shared((block_M, block_K), dtype)
        B_shared = T.alloc_shared((block_K, block_N), dtype)
        C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
        C_shared = T.alloc_shared((block_M, block_N), dtype)

        T.clear(C_local)
        for ko in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
            T.copy(A[by * block_M, ko * block_K], A_shared)
            T.copy(B[ko * block_K, bx * block_N], B_shared)
            T.gemm(A_shared, B_shared, C_local)

        # Bias (one value per output column) and ReLU, in place on the accumulator.
        for i, j in T.Parallel(block_M, block_N):
            C_local[i, j] = T.max(C_local[i, j] + Bias[bx * block_N + j], 0)

        # The cast to bfloat16.
        T.copy(C_local, C_shared)
        T.copy(C_shared, C[by * block_M, bx * block_N])

    return C


matmul_epilogue_kernel = matmul_epilogue.compile(M=512, N=256, K=256, block_M=64, block_N=64, block_K=64)

if __name__ == "__main__":
    import torch

    a = torch.randn(512, 256, device="cuda", dtype=torch.bfloat16)
    b = torch.randn(256, 256, device="cuda", dtype=torch.bfloat16)
    bias = torch.randn(256, device="cuda", dtype=torch.float32)
    c = matmul_epilogue_kernel(a, b, bias)
    ref = torch.relu(a.float() @ b.float() + bias).to(torch.bfloat16)
    torch.testing.assert_close(c, ref, rtol=1e-2, atol=1e-2)
