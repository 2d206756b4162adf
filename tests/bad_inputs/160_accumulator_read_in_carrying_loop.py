# expect: 25:17: error: [unsupported] accumulator h is read inside the loop 'i' that carries it (T.copy into h_shared): its partial sums are not a block there (they stay in DST or in its CB between the steps), so reading them in the same iteration is not lowered yet
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-2, -1])
def chunk_state(BH=2, S=256, D=64, chunk=64, dtype="float16", accum_dtype="float"):

    @T.prim_func
    def main(Q: T.Tensor((BH, S, D), dtype), KT: T.Tensor((BH, D, S), dtype), V: T.Tensor((BH, S, D), dtype),
             O: T.Tensor((BH, S, D), dtype), state: T.Tensor((BH, D, D), accum_dtype)):
        with T.Kernel(BH) as bh:
            q = T.alloc_shared((chunk, D), dtype)
            kt = T.alloc_shared((D, chunk), dtype)
            v = T.alloc_shared((chunk, D), dtype)
            h = T.alloc_fragment((D, D), accum_dtype)
            h_shared = T.alloc_shared((D, D), dtype)
            o = T.alloc_fragment((chunk, D), accum_dtype)
            T.clear(h)
            for i in T.Pipelined(S // chunk, num_stages=1):
                T.copy(Q[bh, i * chunk:(i + 1) * chunk, :], q)
                T.copy(KT[bh, :, i * chunk:(i + 1) * chunk], kt)
                T.copy(V[bh, i * chunk:(i + 1) * chunk, :], v)
                # the state before this chunk's update, read by this chunk's output
                T.copy(h, h_shared)
                T.clear(o)
                T.gemm(q, h_shared, o)
                T.copy(o, O[bh, i * chunk:(i + 1) * chunk, :])
                T.gemm(kt, v, h)
            T.copy(h, state[bh, :, :])

    return main
