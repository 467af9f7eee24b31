#include "storage/filetype.hpp"

#include <jpeglib.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>

#include <csetjmp>
#include <cstdio>
#include <fstream>
#include <memory>
#include <vector>

namespace zp::storage {

namespace {
FileCheck refuse(const char* code, const char* zh, const char* en) {
  FileCheck c;
  c.code = code;
  c.message = zh;
  c.message_en = en;
  return c;
}

struct JpegError {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
};
void on_jpeg_error(j_common_ptr cinfo) { std::longjmp(reinterpret_cast<JpegError*>(cinfo->err)->jump, 1); }
void quiet(j_common_ptr) {}

// `source` points libjpeg at the data: a file or memory.
template <class Source>
FileCheck check_jpeg(Source&& source) {
  jpeg_decompress_struct cinfo{};
  JpegError err{};
  cinfo.err = jpeg_std_error(&err.mgr);
  err.mgr.error_exit = on_jpeg_error;
  err.mgr.output_message = quiet;
  std::vector<unsigned char> row;
  FileCheck result;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&cinfo);
    return refuse("jpeg_undecodable", "图片已损坏或不完整，无法打开，请重新扫描或导出后上传。",
                  "The image is damaged or incomplete and cannot be opened; scan or export it again and upload.");
  }
  jpeg_create_decompress(&cinfo);
  source(cinfo);
  jpeg_read_header(&cinfo, TRUE);
  cinfo.scale_num = 1;
  cinfo.scale_denom = 8;  // decoding at 1/8 still walks every block, and is much faster
  jpeg_start_decompress(&cinfo);
  row.resize(static_cast<std::size_t>(cinfo.output_width) * cinfo.output_components);
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW rows[1] = {row.data()};
    jpeg_read_scanlines(&cinfo, rows, 1);
  }
  // A truncated file decodes with a warning ("premature end of data"): refuse it too.
  if (err.mgr.num_warnings > 0) {
    jpeg_destroy_decompress(&cinfo);
    return refuse("jpeg_undecodable", "图片不完整（文件被截断），请重新上传完整文件。",
                  "The image is incomplete (truncated); upload the whole file again.");
  }
  jpeg_finish_decompress(&cinfo);
  result.type = "jpeg";
  result.width = static_cast<int>(cinfo.image_width);
  result.height = static_cast<int>(cinfo.image_height);
  jpeg_destroy_decompress(&cinfo);
  return result;
}

// poppler-cpp builds its global parameters (encoding and font tables, read from disk) when the first document
// opens and drops them when the last one closes, so one check at a time would rebuild them every time. A tiny
// document kept open for the life of the process keeps them built; it is never freed, so that it outlives
// poppler's own statics at exit.
void prepare_poppler() {
  static const poppler::document* const kept_open = [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    static const char kOnePage[] =
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 1 1]>>endobj\nxref\n0 4\n0000000000 65535 f \n"
        "0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\n"
        "startxref\n160\n%%EOF\n";
    return poppler::document::load_from_raw_data(kOnePage, sizeof kOnePage - 1);
  }();
  (void)kept_open;
}

FileCheck check_pdf(std::unique_ptr<poppler::document> doc) {
  if (!doc)
    return refuse("pdf_unreadable", "PDF 文件已损坏或不完整，无法打开，请重新导出后上传。",
                  "The PDF is damaged or incomplete and cannot be opened; export it again and upload.");
  if (doc->is_locked())
    return refuse("pdf_unreadable", "PDF 文件设置了打开密码，请去除密码后上传。", "The PDF is password-protected; remove the password and upload.");
  FileCheck c;
  c.pages = doc->pages();
  if (c.pages < 1) return refuse("pdf_no_pages", "PDF 文件没有页面。", "The PDF has no pages.");
  c.type = "pdf";
  return c;
}

enum class Kind { empty, pdf, jpeg, other };
Kind kind_of(std::string_view head) {
  if (head.empty()) return Kind::empty;
  if (head.substr(0, 5) == "%PDF-") return Kind::pdf;
  if (head.size() >= 3 && static_cast<unsigned char>(head[0]) == 0xFF && static_cast<unsigned char>(head[1]) == 0xD8 &&
      static_cast<unsigned char>(head[2]) == 0xFF)
    return Kind::jpeg;
  return Kind::other;
}

FileCheck refuse_kind(Kind k) {
  if (k == Kind::empty) return refuse("empty_file", "文件为空，请选择要上传的文件。", "The file is empty; choose the file to upload.");
  return refuse("not_pdf_or_jpeg", "文件内容不是 PDF 或 JPG 图片（与文件名无关），请转换为 PDF 或 JPG 后上传。",
                "The file's content is neither PDF nor JPEG (whatever its name says); convert it to PDF or JPEG and upload.");
}
}  // namespace

FileCheck check_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[8] = {};
  in.read(head, sizeof head);
  switch (const auto kind = kind_of({head, static_cast<std::size_t>(in.gcount())})) {
    case Kind::pdf:
      prepare_poppler();
      return check_pdf(std::unique_ptr<poppler::document>(poppler::document::load_from_file(path)));
    case Kind::jpeg: {
      std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
      if (!file) return refuse("jpeg_undecodable", "图片无法读取。", "The image cannot be read.");
      return check_jpeg([&](jpeg_decompress_struct& cinfo) { jpeg_stdio_src(&cinfo, file.get()); });
    }
    default: return refuse_kind(kind);
  }
}

FileCheck check_bytes(std::string_view bytes) {
  switch (const auto kind = kind_of(bytes.substr(0, 8))) {
    case Kind::pdf:
      prepare_poppler();
      return check_pdf(std::unique_ptr<poppler::document>(
          poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size()))));
    case Kind::jpeg:
      return check_jpeg([&](jpeg_decompress_struct& cinfo) {
        jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
      });
    default: return refuse_kind(kind);
  }
}

std::string content_type_of(const std::string& type) { return type == "pdf" ? "application/pdf" : "image/jpeg"; }

}  // namespace zp::storage
