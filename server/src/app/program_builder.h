// Builds the Partner program room's state from stored rows, like pipeline_builder: the
// partner's own program, or every partner's for vendor staff.
#pragma once
#include "portal/rooms/program.h"
#include "store/store.h"

namespace portal::server {

ProgramState build_program(const ProgramInputs& in);

}  // namespace portal::server
