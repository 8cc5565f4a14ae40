#include "portal/model/contacts.h"

#include "model/name_table.h"

namespace portal {
namespace {

constexpr detail::NameTable<ContactChannel, 4> kChannels{{{
    {"email", "E-mail"},
    {"phone", "Phone"},
    {"chat", "Portal chat"},
    {"video", "Video call"},
}}};

}  // namespace

std::string_view to_string(ContactChannel c) {
  return kChannels.wire(c);
}
std::optional<ContactChannel> contact_channel_from_string(std::string_view s) {
  return kChannels.parse(s);
}
std::string_view contact_channel_label(ContactChannel c) {
  return kChannels.label(c);
}

}  // namespace portal
