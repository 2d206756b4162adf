# expect: 11:5: error: [frontend] conflicting values for T.const 'M': 64 from the shape of 'A' (dimension 0), 128 from the shape of 'B2' (dimension 0)
import tilelang
import tilelang.language as T


@tilelang.jit
def scale(A, B2, block_M):
    M, N = T.const("M, N")
    A: T.Tensor((M, N), T.float16)
    B = T.empty((M, N), T.float16)
    B2: T.Tensor((M, N), T.float16)
    with T.Kernel(T.ceildiv(N, block_M), T.ceildiv(M, block_M), threads=128) as (bx, by):
        A_s = T.alloc_shared((block_M, block_M), T.float16)
        T.copy(A[by * block_M, bx * block_M], A_s)
        T.copy(A_s, B[by * block_M, bx * block_M])
    return B


def main():
    import torch
    scale(torch.randn(64, 96).half(), torch.randn(128, 96).half(), 32)
