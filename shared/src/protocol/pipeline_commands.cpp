#include "portal/protocol/pipeline_commands.h"

#include "protocol/json_fields.h"

namespace portal {

std::optional<PipelineTarget> pipeline_target_from_json(const Json& payload,
                                                        const char* id_field) {
  auto id = detail::get_string(payload, id_field);
  if (!id || id->empty()) return std::nullopt;
  PipelineTarget t{*id, {}, {}};
  for (auto [name, out] : {std::pair{"stage", &t.stage}, std::pair{"text", &t.text}}) {
    const Json* f = detail::field(payload, name);
    if (f == nullptr || f->is_null()) continue;
    if (!f->is_string()) return std::nullopt;
    *out = f->get<std::string>();
  }
  return t;
}

}  // namespace portal
