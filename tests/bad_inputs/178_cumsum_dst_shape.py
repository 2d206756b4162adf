# expect: 19:32: error: [frontend] T.cumsum dst shape (64,) must match src shape (32, 64) (G_row and G_shared)
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
            T.cumsum(G_shared, G_row, dim=1)
            T.copy(G_shared, G_new[bb * 32, bs * block_S])

    return kernel


def main():
    kernel = chunk_local_cumsum(64, 256, reverse=True)
