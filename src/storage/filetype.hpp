#pragma once
// Decides a file's type from its content, never its name: a PDF must open and have pages, a JPEG must decode.
#include <string>
#include <string_view>

namespace zp::storage {

struct FileCheck {
  std::string type;        // "pdf", "jpeg", or "" when refused
  std::string code;        // empty_file, not_pdf_or_jpeg, pdf_unreadable, pdf_no_pages, jpeg_undecodable
  std::string message, message_en;
  int pages = 0;           // PDF
  int width = 0, height = 0;  // JPEG
  bool ok() const { return code.empty(); }
};

FileCheck check_file(const std::string& path);
FileCheck check_bytes(std::string_view bytes);
std::string content_type_of(const std::string& type);  // pdf → application/pdf, jpeg → image/jpeg

}  // namespace zp::storage
