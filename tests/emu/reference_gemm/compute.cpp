// Reference GEMM compute (hand-written spec for codegen): C_local += A_shared x B_shared over the K steps of
// each output block, accumulating in fp32 DST registers, then packing the block to C_out (c_16) as float16.
//
// A 4x4-tile output block needs 16 DST tiles but fp32 accumulation leaves only 8, so the block is computed
// in sub-blocks of subblock_mt x subblock_nt tiles that fit DST. The reader pushes each K step of A and B
// exactly once, so all sub-blocks must be advanced while that step is in the CBs: K is the outer loop,
// and between K steps each sub-block's fp32 partial sums are spilled to C_local (c_24, float32) and
// reloaded with copy_tile. The alternative - K innermost per sub-block - would need every K step of A and
// B again for each sub-block, i.e. a reader that re-reads inputs or a CB holding the whole K extent.
#include <cstdint>

#include "api/compute/compute_kernel_hw_startup.h"
#include "api/compute/matmul.h"
#include "api/compute/tile_move_copy.h"

void kernel_main() {
    const uint32_t block_count = get_arg_val<uint32_t>(0);

    constexpr uint32_t block_mt = get_compile_time_arg_val(0);
    constexpr uint32_t block_nt = get_compile_time_arg_val(1);
    constexpr uint32_t block_kt = get_compile_time_arg_val(2);
    constexpr uint32_t num_k_steps = get_compile_time_arg_val(3);
    constexpr uint32_t subblock_mt = get_compile_time_arg_val(4);
    constexpr uint32_t subblock_nt = get_compile_time_arg_val(5);

    constexpr uint32_t cb_a = tt::CBIndex::c_0;         // A_shared, float16
    constexpr uint32_t cb_b = tt::CBIndex::c_1;         // B_shared, float16
    constexpr uint32_t cb_out = tt::CBIndex::c_16;      // C_out, float16, drained by the writer
    constexpr uint32_t cb_partials = tt::CBIndex::c_24; // C_local spill, float32, holds every sub-block

    constexpr uint32_t a_tiles = block_mt * block_kt;
    constexpr uint32_t b_tiles = block_kt * block_nt;
    constexpr uint32_t subblock_tiles = subblock_mt * subblock_nt;
    constexpr uint32_t num_subblocks_m = block_mt / subblock_mt;
    constexpr uint32_t num_subblocks_n = block_nt / subblock_nt;

    // in0 (A) is unpacked through srcB and in1 (B) through srcA: SrcOrder::Reverse.
    compute_kernel_hw_startup<SrcOrder::Reverse>(cb_a, cb_b, cb_out);
    matmul_init(cb_a, cb_b);

    for (uint32_t block = 0; block < block_count; ++block) {
        for (uint32_t k = 0; k < num_k_steps; ++k) {
            const bool first_k = k == 0;
            const bool last_k = k == num_k_steps - 1;
            cb_wait_front(cb_a, a_tiles);
            cb_wait_front(cb_b, b_tiles);

            for (uint32_t sm = 0; sm < num_subblocks_m; ++sm) {
                for (uint32_t sn = 0; sn < num_subblocks_n; ++sn) {
                    tile_regs_acquire();  // DST starts at zero: T.clear(C_local)

                    if (!first_k) {
                        // Reload this sub-block's fp32 partial sums; the partials CB is a FIFO and the
                        // sub-blocks are visited in the same order every K step.
                        copy_tile_to_dst_init_short_with_dt(cb_b, cb_partials);
                        cb_wait_front(cb_partials, subblock_tiles);
                        for (uint32_t i = 0; i < subblock_tiles; ++i) {
                            copy_tile(cb_partials, i, i);
                        }
                        cb_pop_front(cb_partials, subblock_tiles);
                        reconfig_data_format_srca(cb_partials, cb_b);
                        matmul_init(cb_a, cb_b);
                    }

                    for (uint32_t m = 0; m < subblock_mt; ++m) {
                        for (uint32_t n = 0; n < subblock_nt; ++n) {
                            for (uint32_t kk = 0; kk < block_kt; ++kk) {
                                const uint32_t a_index = (sm * subblock_mt + m) * block_kt + kk;
                                const uint32_t b_index = kk * block_nt + sn * subblock_nt + n;
                                matmul_tiles(cb_a, cb_b, a_index, b_index, m * subblock_nt + n);
                            }
                        }
                    }
                    tile_regs_commit();

                    // Last K step: the finished sub-block goes to the writer as float16; otherwise spill.
                    const uint32_t cb_dst = last_k ? cb_out : cb_partials;
                    cb_reserve_back(cb_dst, subblock_tiles);
                    tile_regs_wait();
                    pack_reconfig_data_format(cb_dst);
                    for (uint32_t i = 0; i < subblock_tiles; ++i) {
                        pack_tile(i, cb_dst);
                    }
                    tile_regs_release();
                    cb_push_back(cb_dst, subblock_tiles);
                }
            }

            cb_pop_front(cb_a, a_tiles);
            cb_pop_front(cb_b, b_tiles);
        }
    }
}
