#pragma once
// Hands one finished message to the SMTP server of the [mail] settings (libcurl).
#include <atomic>
#include <string>

#include "mail/model.hpp"

namespace zp::mail {

struct SmtpResult {
  bool ok = false;
  std::string error;  // curl's reason and the server's last reply code; never the credentials
};

class SmtpClient {
 public:
  explicit SmtpClient(const Settings& settings);  // initialises libcurl once per process
  // Blocks for at most about a minute; returns early with an error once `cancel` becomes true.
  SmtpResult send(const std::string& from_address, const std::string& to_address, const std::string& message,
                  const std::atomic<bool>& cancel) const;

 private:
  Settings settings_;
};

}  // namespace zp::mail
