# expect: 19:36: error: [frontend] T.cumsum dim=2 is out of bounds: G_shared has shape (32, 64)
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def chunk_local_cumsum(B, S, block_S=64, reverse=False, dtype="float32"):

    @T.prim_func
    def kernel(
            G: T.Tensor((B, S), dtype),
            G_new: T.Tensor((B, S), dtype),
    ):
        with T.Kernel(T.ceildiv(S, block_S), T.ceildiv(B, 32), threads=128) as (bs, bb):
            G_shared = T.alloc_shared((32, block_S), dtype)
            G_out = T.alloc_shared((32, block_S), dtype)
            G_row = T.alloc_shared((block_S,), dtype)
            T.copy(G[bb * 32, bs * block_S], G_shared)
            T.cumsum(G_shared, dim=2)
            T.copy(G_shared, G_new[bb * 32, bs * block_S])

    return kernel


def main():
    kernel = chunk_local_cumsum(64, 256, reverse=True)
