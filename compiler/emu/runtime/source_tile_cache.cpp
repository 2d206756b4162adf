// The per-core cache of unpacked source tiles; see source_tile_cache.h.
#include "source_tile_cache.h"

#include <cstring>

#include "numeric.h"

namespace ttemu {

const float* SourceTileCache::source_tile(const std::uint8_t* src, DataFormat f) {
  if (!entries_) entries_ = std::make_unique<std::array<Entry, kEntries>>();
  const std::size_t bytes = tile_bytes(f);
  Entry* victim = &(*entries_)[0];
  for (Entry& e : *entries_) {
    if (e.src == src && e.format == f && std::memcmp(e.stored, src, bytes) == 0) {
      e.last_use = ++clock_;
      return e.tile;
    }
    if (e.last_use < victim->last_use) victim = &e;
  }
  std::memcpy(victim->stored, src, bytes);
  unpack_tile(victim->stored, f, victim->tile);
  through_src_register(victim->tile, f);
  victim->src = src;
  victim->format = f;
  victim->last_use = ++clock_;
  return victim->tile;
}

}  // namespace ttemu
