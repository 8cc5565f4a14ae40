// The Deals room beyond the Deal itself (model/entities.h): notes on a deal, orders placed for
// won deals and the commission payouts that settle them.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "portal/model/entities.h"

namespace portal {

// [SECTION] Deal notes

// One note on a deal's timeline, by either side.
struct DealNote {
  Id id;
  Id deal_id;
  Id author_id;
  std::string body;
  UnixTime created_at = 0;
  friend bool operator==(const DealNote&, const DealNote&) = default;
};

// [SECTION] Orders

enum class OrderStatus { Placed, Fulfilled, Invoiced, Cancelled };
// Wire name: "placed", "fulfilled", "invoiced", "cancelled". Label: "Placed", ...
std::string_view to_string(OrderStatus s);
std::optional<OrderStatus> order_status_from_string(std::string_view s);
std::string_view order_status_label(OrderStatus s);

struct OrderLine {
  std::string sku;
  std::string description;
  int32_t quantity = 1;
  Money unit_price;
  friend bool operator==(const OrderLine&, const OrderLine&) = default;
};

// An order placed through the partner, usually for a won deal.
struct Order {
  Id id;
  Id org_id;
  Id deal_id;          // may be empty
  Id account_id;       // may be empty
  std::string number;  // the vendor's order number: "SO-2026-0042"
  OrderStatus status = OrderStatus::Placed;
  std::string currency = "EUR";
  std::vector<OrderLine> lines;
  UnixTime ordered_at = 0;
  friend bool operator==(const Order&, const Order&) = default;
};

// Sum of quantity × unit price over lines in the order's currency (others are left out).
Money order_total(const Order& order);

// [SECTION] Payouts

enum class PayoutStatus { Pending, Approved, Paid, Cancelled };
// Wire name: "pending", "approved", "paid", "cancelled". Label: "Pending", ...
std::string_view to_string(PayoutStatus s);
std::optional<PayoutStatus> payout_status_from_string(std::string_view s);
std::string_view payout_status_label(PayoutStatus s);

// Commission paid (or to be paid) to a partner for the deals of one period.
struct Payout {
  Id id;
  Id org_id;
  std::vector<Id> deal_ids;
  Money amount;
  PayoutStatus status = PayoutStatus::Pending;
  UnixTime period_from = 0;  // [period_from, period_to)
  UnixTime period_to = 0;
  UnixTime paid_at = 0;   // 0 until paid
  std::string reference;  // bank or invoice reference
  friend bool operator==(const Payout&, const Payout&) = default;
};

}  // namespace portal
