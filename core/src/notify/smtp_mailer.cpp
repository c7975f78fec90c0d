// SMTP delivery over libcurl (api-v2.md §6.4): the RFC 5322 message (multipart/alternative, text
// and HTML, quoted-printable UTF-8), the List-Unsubscribe headers and their signed token.
#include <aligncv/clock.hpp>
#include <aligncv/error.hpp>
#include <aligncv/notify.hpp>

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>
#include <new>
#include <utility>

#include "common/text.hpp"

namespace aligncv::notify {

// ---- Unsubscribe tokens ----------------------------------------------------------------------

namespace {

std::string hmac_sha256(const std::string& key, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len)) {
    throw Error(ErrorCode::Internal, "HMAC failed");
  }
  return std::string(reinterpret_cast<const char*>(out), len);
}

}  // namespace

std::string sign_unsubscribe_token(const std::string& user_id, const std::string& key) {
  return base64url_encode(user_id) + "." +
         base64url_encode(hmac_sha256(key, "unsubscribe:" + user_id));
}

std::optional<std::string> verify_unsubscribe_token(const std::string& token,
                                                    const std::string& key) {
  const auto dot = token.find('.');
  if (key.empty() || dot == std::string::npos || token.size() > 512) return std::nullopt;
  std::string user_id, mac;
  if (!base64url_decode(std::string_view(token).substr(0, dot), user_id) ||
      !base64url_decode(std::string_view(token).substr(dot + 1), mac) || user_id.empty()) {
    return std::nullopt;
  }
  if (!constant_time_equals(mac, hmac_sha256(key, "unsubscribe:" + user_id))) return std::nullopt;
  return user_id;
}

// ---- Rendering -------------------------------------------------------------------------------

namespace {

std::string base64(std::string_view bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = (uint32_t(uint8_t(bytes[i])) << 16) |
                       (uint32_t(uint8_t(bytes[i + 1])) << 8) | uint32_t(uint8_t(bytes[i + 2]));
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < bytes.size()) {
    uint32_t n = uint32_t(uint8_t(bytes[i])) << 16;
    if (i + 1 < bytes.size()) n |= uint32_t(uint8_t(bytes[i + 1])) << 8;
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Quoted-printable (RFC 2045) with CRLF line ends and soft breaks before 76 columns.
std::string quoted_printable(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  std::size_t column = 0;
  auto emit = [&](const std::string& token) {
    if (column + token.size() > 75) {
      out += "=\r\n";
      column = 0;
    }
    out += token;
    column += token.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r') continue;
    if (c == '\n') {
      out += "\r\n";
      column = 0;
      continue;
    }
    const bool line_end = i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r';
    const bool literal =
        (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !line_end);
    // A leading '.' is encoded too, so no line can read as SMTP's end of data.
    if (literal && !(c == '.' && column == 0)) {
      emit(std::string(1, static_cast<char>(c)));
    } else {
      emit(std::string{'=', kHex[c >> 4], kHex[c & 15]});
    }
  }
  return out;
}

bool is_ascii_printable(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 32 || static_cast<unsigned char>(c) > 126) return false;
  }
  return true;
}

// A header value: ASCII as is, anything else as RFC 2047 encoded words (split at UTF-8 boundaries).
std::string encode_header_text(std::string_view text) {
  std::string clean;
  for (char c : text) clean += (c == '\r' || c == '\n' || c == '\t') ? ' ' : c;
  if (is_ascii_printable(clean)) return clean;
  std::string out;
  std::size_t i = 0;
  while (i < clean.size()) {
    std::size_t end = std::min(clean.size(), i + 45);
    while (end < clean.size() && end > i && (static_cast<unsigned char>(clean[end]) & 0xC0) == 0x80)
      --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(std::string_view(clean).substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

struct Address {
  std::string display;  // may be empty
  std::string email;    // local@domain
};

Address parse_address(const std::string& text) {
  if (text.find_first_of("\r\n") != std::string::npos) {
    throw Error(ErrorCode::InvalidArgument, "e-mail address contains a line break");
  }
  Address a;
  const auto open = text.rfind('<');
  const auto close = text.rfind('>');
  if (open != std::string::npos && close != std::string::npos && close > open) {
    a.email = trim(text.substr(open + 1, close - open - 1));
    a.display = trim(text.substr(0, open));
    if (a.display.size() >= 2 && a.display.front() == '"' && a.display.back() == '"') {
      a.display = a.display.substr(1, a.display.size() - 2);
    }
  } else {
    a.email = trim(text);
  }
  if (a.email.empty() || a.email.find_first_of("<>\" ,;") != std::string::npos ||
      a.email.find('@') == std::string::npos) {
    throw Error(ErrorCode::InvalidArgument, "invalid e-mail address");
  }
  return a;
}

std::string format_address(const Address& a) {
  if (a.display.empty()) return "<" + a.email + ">";
  std::string name = encode_header_text(a.display);
  if (name == a.display) {  // ASCII: quote it unless it is a plain phrase
    const bool plain = a.display.find_first_of("()<>[]:;@\\,.\"") == std::string::npos;
    if (!plain) {
      std::string quoted;
      for (char c : a.display) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
      }
      name = "\"" + quoted + "\"";
    }
  }
  return name + " <" + a.email + ">";
}

std::string rfc5322_date(int64_t unix_ms) {
  const std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string strip_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string domain_of(const std::string& email) {
  const auto at = email.rfind('@');
  std::string domain = at == std::string::npos ? std::string("localhost") : email.substr(at + 1);
  return domain.empty() ? "localhost" : domain;
}

struct Links {
  std::string preferences;
  std::string unsubscribe;  // empty when no token signer is configured
};

Links links_for(const OutboxMessage& m, const SmtpConfig& config) {
  Links links;
  const std::string base = strip_trailing_slash(config.public_url);
  links.preferences = base + config.preferences_path;
  if (config.unsubscribe_token && m.user_id) {
    // The token is base64url: safe in a query string and a header as is.
    links.unsubscribe =
        base + "/v2/notifications/unsubscribe?token=" + config.unsubscribe_token(*m.user_id);
  }
  return links;
}

std::string render_text(const EmailContent& c, const Links& links) {
  std::string out = c.intro + "\n";
  for (const auto& section : c.sections) {
    out += "\n" + section.heading + "\n";
    for (const auto& item : section.items) out += "- " + item + "\n";
  }
  out += "\n--\nManage your e-mail preferences: " + links.preferences + "\n";
  if (!links.unsubscribe.empty()) out += "Unsubscribe: " + links.unsubscribe + "\n";
  return out;
}

std::string render_html(const EmailContent& c, const Links& links) {
  std::string out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" +
                    html_escape(c.subject) +
                    "</title></head>\n<body style=\"font-family:sans-serif;line-height:1.4\">\n";
  out += "<p>" + html_escape(c.intro) + "</p>\n";
  for (const auto& section : c.sections) {
    out += "<h3>" + html_escape(section.heading) + "</h3>\n<ul>\n";
    for (const auto& item : section.items) out += "<li>" + html_escape(item) + "</li>\n";
    out += "</ul>\n";
  }
  out += "<hr>\n<p style=\"font-size:small\"><a href=\"" + html_escape(links.preferences) +
         "\">Manage your e-mail preferences</a>";
  if (!links.unsubscribe.empty()) {
    out += " &middot; <a href=\"" + html_escape(links.unsubscribe) + "\">Unsubscribe</a>";
  }
  out += "</p>\n</body></html>\n";
  return out;
}

}  // namespace

std::string render_email(const OutboxMessage& m, const SmtpConfig& config) {
  const Address from = parse_address(config.from);
  const Address to = parse_address(m.to);
  const Links links = links_for(m, config);
  const int64_t now = config.now_ms ? config.now_ms() : system_clock()->now_ms();
  const std::string boundary = "=_aligncv_" + m.id;  // "=_" never occurs in quoted-printable text

  std::string out;
  auto header = [&out](const std::string& name, const std::string& value) {
    out += name + ": " + value + "\r\n";
  };
  header("From", format_address(from));
  header("To", format_address(to));
  header("Subject", encode_header_text(m.content.subject));
  header("Date", rfc5322_date(now));
  header("Message-ID", "<" + m.id + "@" + domain_of(from.email) + ">");
  header("MIME-Version", "1.0");
  header("Auto-Submitted", "auto-generated");
  if (!links.unsubscribe.empty()) {
    header("List-Unsubscribe", "<" + links.unsubscribe + ">");
    header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
  }
  header("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
  out += "\r\n";
  for (const auto& [type, body] : {std::pair{"text/plain", render_text(m.content, links)},
                                   std::pair{"text/html", render_html(m.content, links)}}) {
    out += "--" + boundary + "\r\n";
    out += std::string("Content-Type: ") + type + "; charset=utf-8\r\n";
    out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    out += quoted_printable(body);
    out += "\r\n";
  }
  out += "--" + boundary + "--\r\n";
  return out;
}

// ---- libcurl ---------------------------------------------------------------------------------

namespace {

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

size_t on_read(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t room = size * count;
  const std::size_t n = std::min(room, upload->data->size() - upload->offset);
  std::memcpy(buffer, upload->data->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

class SmtpMailer final : public Mailer {
 public:
  explicit SmtpMailer(SmtpConfig config) : config_(std::move(config)) {
    const std::string scheme = to_lower_ascii(config_.url.substr(0, config_.url.find("://")));
    if (config_.url.find("://") == std::string::npos || (scheme != "smtp" && scheme != "smtps")) {
      throw Error(ErrorCode::InvalidArgument, "SMTP_URL must start with smtp:// or smtps://");
    }
    implicit_tls_ = scheme == "smtps";
    (void)parse_address(config_.from);  // fail at construction, not at the first send
    static std::once_flag global_init;
    std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  void send(const OutboxMessage& message) override {
    const std::string payload = render_email(message, config_);
    const Address from = parse_address(config_.from);
    const Address to = parse_address(message.to);

    std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl)
      throw Error(ErrorCode::Unavailable, "SMTP delivery failed: could not start a connection");
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> rcpt(nullptr, curl_slist_free_all);
    curl_slist* list = curl_slist_append(nullptr, ("<" + to.email + ">").c_str());
    if (!list) throw std::bad_alloc();
    rcpt.reset(list);

    const bool credentials = !config_.user.empty();
    CURL* h = curl.get();
    Upload upload{&payload};
    const std::string mail_from = "<" + from.email + ">";
    curl_easy_setopt(h, CURLOPT_URL, config_.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(payload.size()));
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT,
                     static_cast<long>(std::max(config_.connect_timeout_seconds, 1)));
    curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(std::max(config_.timeout_seconds, 1)));
    if (!implicit_tls_) {
      // STARTTLS: required with credentials (or when configured), opportunistic otherwise.
      curl_easy_setopt(
          h, CURLOPT_USE_SSL,
          static_cast<long>(credentials || config_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    }
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, config_.verify_tls ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, config_.verify_tls ? 2L : 0L);
    if (!config_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, config_.ca_file.c_str());
    if (credentials) {
      curl_easy_setopt(h, CURLOPT_USERNAME, config_.user.c_str());
      curl_easy_setopt(h, CURLOPT_PASSWORD, config_.password.c_str());
    }

    const CURLcode code = curl_easy_perform(h);
    if (code == CURLE_OK) return;
    long reply = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
    // libcurl's fixed sentence plus the SMTP reply code: never the URL, user or password.
    std::string cause = "SMTP delivery failed: ";
    cause += code == CURLE_OPERATION_TIMEDOUT ? "timed out" : curl_easy_strerror(code);
    if (reply > 0) cause += " (server replied " + std::to_string(reply) + ")";
    throw Error(ErrorCode::Unavailable, cause);
  }

 private:
  SmtpConfig config_;
  bool implicit_tls_ = false;
};

}  // namespace

std::unique_ptr<Mailer> make_smtp_mailer(SmtpConfig config) {
  return std::make_unique<SmtpMailer>(std::move(config));
}

}  // namespace aligncv::notify
