// Reference GEMM reader with panel reuse by NoC multicast (hand-written spec for codegen, after tt-metal's
// matmul_multicore_reuse_mcast readers): the cores of one row compute blocks of the same block row, so they need
// the same A panel at every K step; the cores of one column need the same B panel. One sender per row (A) and per
// column (B) reads the panel from DRAM and multicasts it into the same CB pages of the others; a receiver only
// makes room and signals. Roles and NoC coordinates come from runtime arguments.
#include <cstdint>

#include "api/dataflow/dataflow_api.h"

namespace {

// One operand's multicast group, as the runtime arguments describe it from `first`.
struct McastGroup {
  uint32_t is_sender, x0, y0, x1, y1, num_dests, sender_x, sender_y;
  volatile tt_l1_ptr uint32_t* sender_sem;    // on the sender: counts receivers ready for the next panel
  volatile tt_l1_ptr uint32_t* receiver_sem;  // on a receiver: VALID once the panel has landed
  uint32_t sender_sem_addr, receiver_sem_addr;
};

McastGroup group_args(uint32_t first, uint32_t sender_sem_id, uint32_t receiver_sem_id) {
  McastGroup g{};
  g.is_sender = get_arg_val<uint32_t>(first);
  g.x0 = get_arg_val<uint32_t>(first + 1);
  g.y0 = get_arg_val<uint32_t>(first + 2);
  g.x1 = get_arg_val<uint32_t>(first + 3);
  g.y1 = get_arg_val<uint32_t>(first + 4);
  g.num_dests = get_arg_val<uint32_t>(first + 5);
  g.sender_x = get_arg_val<uint32_t>(first + 6);
  g.sender_y = get_arg_val<uint32_t>(first + 7);
  g.sender_sem_addr = get_semaphore(sender_sem_id);
  g.receiver_sem_addr = get_semaphore(receiver_sem_id);
  g.sender_sem = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(g.sender_sem_addr);
  g.receiver_sem = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(g.receiver_sem_addr);
  // The sender's own receiver semaphore holds VALID: it is the source of the flag it multicasts.
  if (g.is_sender) noc_semaphore_set(g.receiver_sem, VALID);
  return g;
}

// After the sender filled `pages` reserved pages of `cb`: wait until every receiver has made room, send the
// pages to the same L1 addresses on all of them, then flip their flag.
void send_panel(const McastGroup& g, uint32_t cb, uint32_t bytes) {
  noc_semaphore_wait(g.sender_sem, g.num_dests);
  noc_semaphore_set(g.sender_sem, 0);
  const uint32_t l1 = get_write_ptr(cb);
  noc_async_write_multicast(l1, get_noc_multicast_addr(g.x0, g.y0, g.x1, g.y1, l1), bytes, g.num_dests);
  noc_semaphore_set_multicast(g.receiver_sem_addr,
                              get_noc_multicast_addr(g.x0, g.y0, g.x1, g.y1, g.receiver_sem_addr), g.num_dests);
}

// On a receiver, with the pages reserved: tell the sender, wait for the panel.
void receive_panel(const McastGroup& g) {
  noc_semaphore_set(g.receiver_sem, INVALID);
  noc_semaphore_inc(get_noc_addr(g.sender_x, g.sender_y, g.sender_sem_addr), 1);
  noc_semaphore_wait(g.receiver_sem, VALID);
}

}  // namespace

void kernel_main() {
    const uint32_t a_addr = get_arg_val<uint32_t>(0);
    const uint32_t b_addr = get_arg_val<uint32_t>(1);
    const uint32_t block_start = get_arg_val<uint32_t>(2);
    const uint32_t block_count = get_arg_val<uint32_t>(3);
    const McastGroup ga = group_args(4, get_arg_val<uint32_t>(20), get_arg_val<uint32_t>(21));
    const McastGroup gb = group_args(12, get_arg_val<uint32_t>(22), get_arg_val<uint32_t>(23));

    constexpr uint32_t Kt = get_compile_time_arg_val(0);
    constexpr uint32_t Nt = get_compile_time_arg_val(1);
    constexpr uint32_t block_mt = get_compile_time_arg_val(2);
    constexpr uint32_t block_nt = get_compile_time_arg_val(3);
    constexpr uint32_t block_kt = get_compile_time_arg_val(4);

    constexpr uint32_t cb_a = tt::CBIndex::c_0;
    constexpr uint32_t cb_b = tt::CBIndex::c_1;
    constexpr uint32_t a_tiles = block_mt * block_kt;
    constexpr uint32_t b_tiles = block_kt * block_nt;
    constexpr uint32_t num_blocks_n = Nt / block_nt;
    constexpr uint32_t num_k_steps = Kt / block_kt;

    const uint32_t a_tile_bytes = get_tile_size(cb_a);
    const uint32_t b_tile_bytes = get_tile_size(cb_b);
    constexpr auto a_args = TensorAccessorArgs<5>();
    const auto a = TensorAccessor(a_args, a_addr);
    constexpr auto b_args = TensorAccessorArgs<a_args.next_compile_time_args_offset()>();
    const auto b = TensorAccessor(b_args, b_addr);

    for (uint32_t block = block_start; block < block_start + block_count; ++block) {
        const uint32_t by = block / num_blocks_n;
        const uint32_t bx = block % num_blocks_n;
        for (uint32_t k = 0; k < num_k_steps; ++k) {
            cb_reserve_back(cb_a, a_tiles);
            if (ga.is_sender) {
                uint32_t l1_addr = get_write_ptr(cb_a);
                for (uint32_t m = 0; m < block_mt; ++m) {
                    for (uint32_t kk = 0; kk < block_kt; ++kk) {
                        noc_async_read_page((by * block_mt + m) * Kt + k * block_kt + kk, a, l1_addr);
                        l1_addr += a_tile_bytes;
                    }
                }
                noc_async_read_barrier();
                send_panel(ga, cb_a, a_tiles * a_tile_bytes);
            } else {
                receive_panel(ga);
            }
            cb_push_back(cb_a, a_tiles);

            cb_reserve_back(cb_b, b_tiles);
            if (gb.is_sender) {
                uint32_t l1_addr = get_write_ptr(cb_b);
                for (uint32_t kk = 0; kk < block_kt; ++kk) {
                    for (uint32_t n = 0; n < block_nt; ++n) {
                        noc_async_read_page((k * block_kt + kk) * Nt + bx * block_nt + n, b, l1_addr);
                        l1_addr += b_tile_bytes;
                    }
                }
                noc_async_read_barrier();
                send_panel(gb, cb_b, b_tiles * b_tile_bytes);
            } else {
                receive_panel(gb);
            }
            cb_push_back(cb_b, b_tiles);
        }
    }
    noc_async_atomic_barrier();
}
