// CSV rendering of the core-grid and L1 tables.
#include "viewer/table_export.h"

#include <cstdio>
#include <sstream>

#include "compiler/ir/tt_metadata.h"
#include "viewer/l1_breakdown.h"

namespace tt::viewer {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

namespace {

std::string args_text(const std::vector<std::string>& names, const std::vector<ir::RuntimeArgValue>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ';';
    out += (i < names.size() ? names[i] : "arg" + std::to_string(i)) + "=";
    const std::string translated = ir::host_translated_text(values[i]);
    out += !translated.empty()                ? translated
           : values[i].buffer_address.empty() ? std::to_string(values[i].value)
                                              : "address(" + values[i].buffer_address + ")";
  }
  return out;
}

}  // namespace

std::string core_grid_csv(const KernelResult& kernel) {
  const auto partition = ir::get_work_partition(kernel.module);
  if (!partition) return {};
  const auto args = ir::get_runtime_args(kernel.module);
  std::ostringstream out;
  out << "x,y,state,start_block,num_blocks,reader_args,compute_args,writer_args\n";
  for (const ir::CoreWork& c : partition->cores) {
    out << c.x << ',' << c.y << ',' << (c.count ? "busy" : "idle") << ',' << c.start << ',' << c.count;
    const ir::RuntimeArgs::PerCore* per_core = nullptr;
    if (args) {
      for (const auto& p : args->cores) {
        if (p.x == c.x && p.y == c.y) per_core = &p;
      }
    }
    if (per_core) {
      out << ',' << csv_field(args_text(args->reader, per_core->reader)) << ','
          << csv_field(args_text(args->compute, per_core->compute)) << ','
          << csv_field(args_text(args->writer, per_core->writer));
    } else {
      out << ",,,";
    }
    out << '\n';
  }
  return out.str();
}

std::string l1_table_csv(const KernelResult& kernel, const DeviceModel& device) {
  const std::vector<ir::CircularBuffer> cbs = ir::all_circular_buffers(kernel.module);
  const L1Breakdown l1 = compute_l1_breakdown(device, cbs);
  auto percent = [&](int64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f",
                  l1.l1_bytes ? 100.0 * static_cast<double>(bytes) / static_cast<double>(l1.l1_bytes) : 0.0);
    return std::string(buf);
  };
  std::ostringstream out;
  out << "region,cb_index,data_format,page_size,num_pages,bytes,percent_l1,producer,consumer\n";
  out << "reserved,,,,," << l1.reserved_bytes << ',' << percent(l1.reserved_bytes) << ",,\n";
  for (const ir::CircularBuffer& cb : cbs) {
    out << csv_field(cb.name) << ',' << cb.index << ',' << csv_field(cb.data_format) << ',' << cb.page_size << ','
        << cb.num_pages << ',' << cb.bytes << ',' << percent(cb.bytes) << ',' << csv_field(cb.producer) << ','
        << csv_field(cb.consumer) << '\n';
  }
  out << "total,,,,," << l1.used_bytes << ',' << percent(l1.used_bytes) << ",,\n";
  out << "l1_size,,,,," << l1.l1_bytes << ",100.00,,\n";
  return out.str();
}

}  // namespace tt::viewer
