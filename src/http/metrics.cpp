#include "http/metrics.hpp"

#include <sstream>

namespace zp::http {

void Metrics::record(const std::string& route, const std::string& method, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, method, status}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++buckets_[i];
  ++count_;
  sum_ += seconds;
}

std::string Metrics::render(const std::string& extra) const {
  std::ostringstream out;
  std::lock_guard lock(mu_);
  out << "# HELP zhiping_http_requests_total HTTP requests by route pattern, method and status.\n"
         "# TYPE zhiping_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out << "zhiping_http_requests_total{route=\"" << route << "\",method=\"" << method << "\",status=\"" << status
        << "\"} " << n << "\n";
  }
  out << "# HELP zhiping_http_request_duration_seconds Time spent producing the response once the request was read (handler, database, rendering).\n"
         "# TYPE zhiping_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    out << "zhiping_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << buckets_[i] << "\n";
  out << "zhiping_http_request_duration_seconds_bucket{le=\"+Inf\"} " << count_ << "\n"
      << "zhiping_http_request_duration_seconds_sum " << sum_ << "\n"
      << "zhiping_http_request_duration_seconds_count " << count_ << "\n"
      << "# HELP zhiping_http_connections_open Open client connections.\n# TYPE zhiping_http_connections_open gauge\n"
      << "zhiping_http_connections_open " << open_connections_.load() << "\n"
      << extra;
  return out.str();
}

}  // namespace zp::http
