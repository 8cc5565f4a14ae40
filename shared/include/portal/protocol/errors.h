// Typed errors: every refusal on the wire carries one of these codes and a sentence for the user.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/rules/validation.h"

namespace portal {

enum class ErrorCode {
  BadFrame,          // not JSON, not an object, wrong field types, missing "t"
  UnknownType,       // a "t" or command type the server does not know
  VersionMismatch,   // client protocol version not supported: reload the app
  TooLarge,          // frame or field over its size limit
  Unauthenticated,   // needs a log-in first
  BadCredentials,    // e-mail or password wrong (never says which)
  SessionExpired,    // token unknown, expired or logged out
  Forbidden,         // the actor may not do or see this
  Validation,        // one or more fields are wrong: see "fields"
  NotFound,
  Conflict,          // e.g. duplicate lead registration
  RateLimited,
  Unavailable,       // server shutting down or overloaded
  Internal,
};

std::string_view to_string(ErrorCode c);
std::optional<ErrorCode> error_code_from_string(std::string_view s);

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  std::vector<FieldError> fields;  // for Validation
};

}  // namespace portal
