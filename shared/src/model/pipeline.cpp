#include "portal/model/pipeline.h"

#include "model/name_table.h"

namespace portal {
namespace {

using detail::NameTable;

constexpr NameTable<OrderStatus, 4> kOrderStatuses{{{
    {"placed", "Placed"},
    {"fulfilled", "Fulfilled"},
    {"invoiced", "Invoiced"},
    {"cancelled", "Cancelled"},
}}};

constexpr NameTable<PayoutStatus, 4> kPayoutStatuses{{{
    {"pending", "Pending"},
    {"approved", "Approved"},
    {"paid", "Paid"},
    {"cancelled", "Cancelled"},
}}};

}  // namespace

std::string_view to_string(OrderStatus s) {
  return kOrderStatuses.wire(s);
}
std::optional<OrderStatus> order_status_from_string(std::string_view s) {
  return kOrderStatuses.parse(s);
}
std::string_view order_status_label(OrderStatus s) {
  return kOrderStatuses.label(s);
}

std::string_view to_string(PayoutStatus s) {
  return kPayoutStatuses.wire(s);
}
std::optional<PayoutStatus> payout_status_from_string(std::string_view s) {
  return kPayoutStatuses.parse(s);
}
std::string_view payout_status_label(PayoutStatus s) {
  return kPayoutStatuses.label(s);
}

Money order_total(const Order& order) {
  Money total{0, order.currency};
  for (const OrderLine& line : order.lines)
    if (line.unit_price.currency == order.currency)
      total.minor += int64_t{line.quantity} * line.unit_price.minor;
  return total;
}

}  // namespace portal
