# expect: 12:14: error: [unsupported] T.get_thread_binding is a GPU-only intrinsic (thread bindings): it has no Tenstorrent lowering
import tilelang
import tilelang.language as T


@tilelang.jit
def scale(A, B, block_M):
    M, N = T.const("M, N")
    A: T.Tensor((M, N), T.float16)
    B = T.empty((M, N), T.float16)
    with T.Kernel(T.ceildiv(N, block_M), T.ceildiv(M, block_M), threads=128) as (bx, by):
        tx = T.get_thread_binding()
        A_s = T.alloc_shared((block_M, block_M), T.float16)
        T.copy(A[by * block_M, bx * block_M], A_s)
        T.copy(A_s, B[by * block_M, bx * block_M])
    return B


scale.compile(M=64, N=128, block_M=32)
