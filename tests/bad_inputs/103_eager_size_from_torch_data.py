# expect: 11:32: error: [unsupported] 'block_M' (T.Kernel grid dimension 0) is only known when the program runs (it comes from 'int(x.abs().max().item())'): give it a value with -D block_M=<value>
import tilelang
import tilelang.language as T


@tilelang.jit
def scale(A, B, block_M):
    M, N = T.const("M, N")
    A: T.Tensor((M, N), T.float16)
    B = T.empty((M, N), T.float16)
    with T.Kernel(T.ceildiv(N, block_M), T.ceildiv(M, block_M), threads=128) as (bx, by):
        A_s = T.alloc_shared((block_M, block_M), T.float16)
        T.copy(A[by * block_M, bx * block_M], A_s)
        T.copy(A_s, B[by * block_M, bx * block_M])
    return B


def main():
    import torch
    x = torch.randn(8, 8)
    block = int(x.abs().max().item()) * 32
    scale.compile(M=256, N=256, block_M=block)
