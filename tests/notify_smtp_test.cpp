// SMTP delivery: the rendered message (headers, both parts, escaping, unsubscribe token) and real
// delivery through libcurl to an SMTP server on loopback (Debian's python3-aiosmtpd).
#include <aligncv/error.hpp>
#include <aligncv/notify.hpp>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "notify_test_support.hpp"
#include "test_support.hpp"

extern char** environ;

namespace aligncv::notify {
namespace {

const std::string kKey = "unsubscribe-signing-key-of-at-least-32-bytes";

OutboxMessage sample_message() {
  EmailContent content;
  content.subject = "New match: Data <Engineer> & Ops — Zürich";
  content.intro = "Contoso <script>alert(1)</script> is hiring! 91% match";
  content.sections = {
      {"New matches", {"Data \"Engineer\" at O'Brien & Sons: 91% match", ".a line with a dot"}}};
  return make_outbox_message("3f2a9c0d1e5b4a7c8d9e0f1a2b3c4d5e", std::string("user-42"),
                             EmailKind::NewMatches, "Jane Doe <jane@example.com>", content, 0, 0);
}

SmtpConfig config_for(const std::string& url) {
  SmtpConfig c;
  c.url = url;
  c.from = "AlignCV <noreply@alignc.example>";
  c.public_url = "https://app.example/";
  c.unsubscribe_token = [](const std::string& user_id) {
    return sign_unsubscribe_token(user_id, kKey);
  };
  c.now_ms = [] { return int64_t{1'795'759'204'220}; };
  c.connect_timeout_seconds = 2;
  c.timeout_seconds = 10;
  return c;
}

std::string decode_qp(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '=' && i + 2 < s.size() && s[i + 1] == '\r' && s[i + 2] == '\n') {
      i += 2;
    } else if (s[i] == '=' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The decoded body of the part with `content_type`.
std::string part(const std::string& message, const std::string& content_type) {
  const auto at = message.find("Content-Type: " + content_type);
  if (at == std::string::npos) return "";
  const auto body = message.find("\r\n\r\n", at) + 4;
  const auto end = message.find("\r\n--=_aligncv_", body);
  return decode_qp(message.substr(body, end - body));
}

std::string header(const std::string& message, const std::string& name) {
  const auto at = message.find("\r\n" + name + ": ");
  if (at == std::string::npos) return "";
  const auto start = at + name.size() + 4;
  return message.substr(start, message.find("\r\n", start) - start);
}

// ---- rendering ----

TEST(NotifySmtpRenderTest, RendersHeadersAndBothPartsWithEveryStringEscapedInHtml) {
  const std::string text = render_email(sample_message(), config_for("smtp://127.0.0.1:25"));
  const std::string raw = "\r\n" + text;
  EXPECT_EQ(header(raw, "From"), "AlignCV <noreply@alignc.example>");
  EXPECT_EQ(header(raw, "To"), "Jane Doe <jane@example.com>");
  EXPECT_EQ(header(raw, "Message-ID"), "<3f2a9c0d1e5b4a7c8d9e0f1a2b3c4d5e@alignc.example>");
  EXPECT_EQ(header(raw, "Date"), "Fri, 27 Nov 2026 06:00:04 +0000");
  EXPECT_EQ(header(raw, "MIME-Version"), "1.0");
  EXPECT_EQ(header(raw, "Subject").rfind("=?UTF-8?B?", 0), 0u);  // not ASCII: RFC 2047
  EXPECT_NE(header(raw, "Content-Type").find("multipart/alternative"), std::string::npos);
  EXPECT_EQ(header(raw, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  const std::string unsubscribe = header(raw, "List-Unsubscribe");
  const std::string prefix = "<https://app.example/v2/notifications/unsubscribe?token=";
  ASSERT_EQ(unsubscribe.rfind(prefix, 0), 0u);
  const std::string token =
      unsubscribe.substr(prefix.size(), unsubscribe.size() - prefix.size() - 1);
  EXPECT_EQ(verify_unsubscribe_token(token, kKey), "user-42");

  const std::string plain = part(text, "text/plain");
  EXPECT_NE(plain.find("Contoso <script>alert(1)</script> is hiring!"), std::string::npos);
  EXPECT_NE(
      plain.find("Manage your e-mail preferences: https://app.example/settings/notifications"),
      std::string::npos);
  const std::string html = part(text, "text/html");
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("Contoso &lt;script&gt;alert(1)&lt;/script&gt; is hiring!"),
            std::string::npos);
  EXPECT_NE(html.find("Data &quot;Engineer&quot; at O&#39;Brien &amp; Sons"), std::string::npos);
  EXPECT_NE(html.find("Data &lt;Engineer&gt; &amp; Ops — Zürich"), std::string::npos);  // <title>
  EXPECT_NE(html.find("href=\"https://app.example/settings/notifications\""), std::string::npos);
  // Every line is CRLF-terminated; body lines (quoted-printable) stay within 76 characters.
  std::istringstream lines(text);
  bool body = false;
  for (std::string line; std::getline(lines, line);) {
    ASSERT_FALSE(line.empty());
    EXPECT_EQ(line.back(), '\r') << line;
    if (line == "\r") body = true;
    EXPECT_LE(line.size(), body ? 77u : 998u) << line;
  }
}

TEST(NotifySmtpRenderTest, RefusesHeaderInjectionThroughAddresses) {
  auto m = sample_message();
  m.to = "jane@example.com\r\nBcc: everyone@example.com";
  EXPECT_THROW(render_email(m, config_for("smtp://127.0.0.1:25")), Error);
  m = sample_message();
  m.content.subject = "Hi\r\nBcc: everyone@example.com";
  const std::string text = render_email(m, config_for("smtp://127.0.0.1:25"));
  const std::string headers = text.substr(0, text.find("\r\n\r\n"));
  EXPECT_EQ(headers.find("\r\nBcc:"), std::string::npos);
  EXPECT_EQ(header("\r\n" + headers, "Subject"), "Hi  Bcc: everyone@example.com");
}

TEST(NotifySmtpRenderTest, OmitsUnsubscribeHeadersWithoutASigner) {
  auto config = config_for("smtp://127.0.0.1:25");
  config.unsubscribe_token = nullptr;
  const std::string text = render_email(sample_message(), config);
  EXPECT_EQ(text.find("List-Unsubscribe"), std::string::npos);
  EXPECT_NE(text.find("settings/notifications"), std::string::npos);
}

TEST(NotifySmtpTokenTest, UnsubscribeTokensVerifyOnlyWithTheirKeyAndUser) {
  const std::string token = sign_unsubscribe_token("user-1", kKey);
  EXPECT_EQ(verify_unsubscribe_token(token, kKey), "user-1");
  EXPECT_FALSE(verify_unsubscribe_token(token, kKey + "x"));
  EXPECT_FALSE(
      verify_unsubscribe_token(sign_unsubscribe_token("user-2", kKey).substr(0, token.find('.')) +
                                   token.substr(token.find('.')),
                               kKey));
  EXPECT_FALSE(verify_unsubscribe_token("", kKey));
  EXPECT_FALSE(verify_unsubscribe_token("garbage", kKey));
}

TEST(NotifySmtpMailerTest, RejectsANonSmtpUrl) {
  EXPECT_THROW(make_smtp_mailer(config_for("http://127.0.0.1:25")), Error);
  EXPECT_NO_THROW(make_smtp_mailer(config_for("smtps://127.0.0.1:465")));
}

// ---- a real SMTP server on loopback ----

bool aiosmtpd_available() {
  return std::system("/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1") == 0;
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool port_open(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

bool openssl_available() {
  return std::system("openssl version >/dev/null 2>&1") == 0;
}

// A self-signed certificate for 127.0.0.1 and localhost, made with the openssl CLI: <dir>/cert.pem
// and <dir>/key.pem. False when openssl fails.
bool make_self_signed_certificate(const std::string& dir) {
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost"
      " -addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout '" +
      dir + "/key.pem' -out '" + dir + "/cert.pem' >/dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

// How the loopback server speaks: plain SMTP; STARTTLS required with AUTH (one user/password,
// only over TLS, required before MAIL); or implicit TLS (smtps) from the first byte.
enum class ServerTls { None, StartTlsWithAuth, Implicit };

constexpr const char* kSmtpUser = "mailer-user";
constexpr const char* kSmtpPassword = "s3cret-password";

// aiosmtpd's Controller writing each message it accepts to <dir>/<n>.eml; stopped with the object.
// The TLS modes use <dir>/cert.pem and <dir>/key.pem.
class SmtpServer {
 public:
  SmtpServer(const aligncv::testing::TempDir& dir, int port, ServerTls tls = ServerTls::None)
      : port_(port), out_(dir / "mail") {
    std::filesystem::create_directories(out_);
    const std::string script = dir / "smtp_server.py";
    std::ofstream(script) << R"py(import logging, os, ssl, sys, threading
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
port, out, mode, certs = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
logging.getLogger("mail.log").setLevel(logging.ERROR)  # aiosmtpd 1.4's own deprecation notice
class Handler:
    async def handle_DATA(self, server, session, envelope):
        n = len(os.listdir(out))
        with open(os.path.join(out, "%03d.tmp" % n), "wb") as f:
            f.write(envelope.original_content)
        os.rename(os.path.join(out, "%03d.tmp" % n), os.path.join(out, "%03d.eml" % n))
        return "250 Message accepted for delivery"
def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == sys.argv[5].encode()
          and auth_data.password == sys.argv[6].encode())
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd replies 535
def tls():
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(os.path.join(certs, "cert.pem"), os.path.join(certs, "key.pem"))
    return ctx
if mode == "starttls":
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, tls_context=tls(),
                            require_starttls=True, authenticator=authenticator,
                            auth_required=True, auth_require_tls=True)
elif mode == "implicit":
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, ssl_context=tls())
else:
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
controller.start()
threading.Event().wait()
)py";
    const std::string port_text = std::to_string(port);
    const std::string mode = tls == ServerTls::StartTlsWithAuth ? "starttls"
                             : tls == ServerTls::Implicit       ? "implicit"
                                                                : "plain";
    const std::string certs = dir.str();
    std::vector<char*> argv = {const_cast<char*>("/usr/bin/python3"),
                               const_cast<char*>(script.c_str()),
                               const_cast<char*>(port_text.c_str()),
                               const_cast<char*>(out_.c_str()),
                               const_cast<char*>(mode.c_str()),
                               const_cast<char*>(certs.c_str()),
                               const_cast<char*>(kSmtpUser),
                               const_cast<char*>(kSmtpPassword),
                               nullptr};
    if (posix_spawn(&pid_, "/usr/bin/python3", nullptr, nullptr, argv.data(), environ) != 0)
      pid_ = -1;
    for (int i = 0; i < 200 && pid_ > 0 && !port_open(port); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~SmtpServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  bool running() const { return pid_ > 0 && port_open(port_); }
  std::vector<std::string> messages() const {
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(out_)) {
      if (e.path().extension() == ".eml") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      out.emplace_back((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }
    return out;
  }

 private:
  int port_;
  std::string out_;
  pid_t pid_ = -1;
};

class NotifySmtpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!aiosmtpd_available()) {
      GTEST_SKIP() << "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd): "
                      "the SMTP delivery tests need a loopback SMTP server";
    }
    port_ = free_port();
  }
  aligncv::testing::TempDir dir_;
  int port_ = 0;
};

TEST_F(NotifySmtpServerTest, DeliversAMultipartMessageThatArrivesIntact) {
  SmtpServer server(dir_, port_);
  ASSERT_TRUE(server.running());
  auto mailer = make_smtp_mailer(config_for("smtp://127.0.0.1:" + std::to_string(port_)));
  mailer->send(sample_message());
  auto received = server.messages();
  ASSERT_EQ(received.size(), 1u);
  const std::string raw = "\r\n" + received[0];
  EXPECT_EQ(header(raw, "Message-ID"), "<3f2a9c0d1e5b4a7c8d9e0f1a2b3c4d5e@alignc.example>");
  EXPECT_EQ(header(raw, "To"), "Jane Doe <jane@example.com>");
  EXPECT_EQ(header(raw, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  EXPECT_NE(header(raw, "List-Unsubscribe").find("/v2/notifications/unsubscribe?token="),
            std::string::npos);
  const std::string plain = part(received[0], "text/plain");
  const std::string html = part(received[0], "text/html");
  EXPECT_NE(plain.find(".a line with a dot"), std::string::npos);  // survived SMTP dot-stuffing
  EXPECT_NE(plain.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Z\xC3\xBCrich"), std::string::npos);  // UTF-8 kept
}

TEST_F(NotifySmtpServerTest, WithTheServerDownMessagesWaitAndAreDeliveredOnceItIsBack) {
  auto mailer = make_smtp_mailer(config_for("smtp://127.0.0.1:" + std::to_string(port_)));
  try {
    mailer->send(sample_message());
    FAIL() << "no server is listening";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Unavailable);
    EXPECT_NE(e.detail().find("SMTP delivery failed"), std::string::npos);
  }

  MemoryOutbox box;
  ManualClock clock(1'800'000'000'000);
  box.add(make_outbox_message("a1b2c3", std::string("user-42"), EmailKind::Test, "jane@example.com",
                              test_email(), clock.now_ms(), clock.now_ms()));
  std::mt19937_64 rng(9);
  EXPECT_EQ(deliver_due(box, *mailer, clock.now_ms(), rng).retried, 1);
  EXPECT_EQ(box.rows["a1b2c3"].state, OutboxState::Failed);

  SmtpServer server(dir_, port_);
  ASSERT_TRUE(server.running());
  EXPECT_EQ(deliver_due(box, *mailer, clock.now_ms(), rng).sent, 0);  // waits for its retry time
  clock.set_ms(box.rows["a1b2c3"].next_attempt_at);
  EXPECT_EQ(deliver_due(box, *mailer, clock.now_ms(), rng).sent, 1);
  clock.advance_ms(24 * 3600 * 1000);
  EXPECT_EQ(deliver_due(box, *mailer, clock.now_ms(), rng).sent, 0);
  auto received = server.messages();
  ASSERT_EQ(received.size(), 1u);  // delivered once
  EXPECT_EQ(header("\r\n" + received[0], "Message-ID"), "<a1b2c3@alignc.example>");
  EXPECT_EQ(header("\r\n" + received[0], "Subject"), "AlignCV test e-mail");
}

TEST_F(NotifySmtpServerTest, CredentialsRequireTlsAndErrorsNeverCarryThem) {
  SmtpServer server(dir_, port_);  // offers no STARTTLS
  ASSERT_TRUE(server.running());
  auto config = config_for("smtp://127.0.0.1:" + std::to_string(port_));
  config.user = "mailer-user";
  config.password = "s3cret-password";
  auto mailer = make_smtp_mailer(config);
  try {
    mailer->send(sample_message());
    FAIL() << "a password must never go over a connection without TLS";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Unavailable);
    EXPECT_EQ(e.detail().find("s3cret-password"), std::string::npos);
    EXPECT_EQ(e.detail().find("mailer-user"), std::string::npos);
  }
  EXPECT_TRUE(server.messages().empty());
}

// ---- TLS: STARTTLS with AUTH, implicit TLS (smtps), certificate verification ----

class NotifySmtpTlsServerTest : public NotifySmtpServerTest {
 protected:
  void SetUp() override {
    NotifySmtpServerTest::SetUp();
    if (IsSkipped()) return;
    if (!openssl_available()) {
      GTEST_SKIP() << "the openssl command is not installed (apt-get install openssl): the SMTP "
                      "TLS tests make a self-signed certificate with it";
    }
    ASSERT_TRUE(make_self_signed_certificate(dir_.str()));
  }
  std::string ca_file() const { return dir_ / "cert.pem"; }
  SmtpConfig starttls_config(const std::string& password) const {
    auto config = config_for("smtp://127.0.0.1:" + std::to_string(port_));
    config.user = kSmtpUser;
    config.password = password;
    config.ca_file = ca_file();
    return config;
  }
};

TEST_F(NotifySmtpTlsServerTest, StartTlsWithAuthDeliversTheMessage) {
  SmtpServer server(dir_, port_, ServerTls::StartTlsWithAuth);
  ASSERT_TRUE(server.running());
  auto mailer = make_smtp_mailer(starttls_config(kSmtpPassword));
  mailer->send(sample_message());  // the server refuses MAIL before AUTH, and AUTH before TLS
  auto received = server.messages();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(header("\r\n" + received[0], "Message-ID"),
            "<3f2a9c0d1e5b4a7c8d9e0f1a2b3c4d5e@alignc.example>");
  EXPECT_NE(part(received[0], "text/plain").find(".a line with a dot"), std::string::npos);
}

TEST_F(NotifySmtpTlsServerTest, StartTlsWithAWrongPasswordFailsWithoutLeakingCredentials) {
  SmtpServer server(dir_, port_, ServerTls::StartTlsWithAuth);
  ASSERT_TRUE(server.running());
  const std::string wrong = "wrong-password-7f3a";
  auto mailer = make_smtp_mailer(starttls_config(wrong));
  try {
    mailer->send(sample_message());
    FAIL() << "the server must refuse a wrong password";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Unavailable);
    EXPECT_NE(e.detail().find("SMTP delivery failed"), std::string::npos) << e.detail();
    EXPECT_NE(e.detail().find("535"), std::string::npos) << e.detail();  // refused at AUTH
    EXPECT_EQ(e.detail().find(wrong), std::string::npos) << e.detail();
    EXPECT_EQ(e.detail().find(kSmtpUser), std::string::npos) << e.detail();
    EXPECT_EQ(std::string(e.what()).find(wrong), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find(kSmtpUser), std::string::npos) << e.what();
  }
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(NotifySmtpTlsServerTest, ImplicitTlsSmtpsDeliversTheMessage) {
  SmtpServer server(dir_, port_, ServerTls::Implicit);
  ASSERT_TRUE(server.running());
  auto config = config_for("smtps://127.0.0.1:" + std::to_string(port_));
  config.ca_file = ca_file();
  auto mailer = make_smtp_mailer(config);
  mailer->send(sample_message());
  auto received = server.messages();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(header("\r\n" + received[0], "Message-ID"),
            "<3f2a9c0d1e5b4a7c8d9e0f1a2b3c4d5e@alignc.example>");
}

TEST_F(NotifySmtpTlsServerTest, AnUntrustedCertificateIsRefusedByDefault) {
  ASSERT_TRUE(SmtpConfig{}.verify_tls);
  ASSERT_TRUE(SmtpConfig{}.ca_file.empty());
  {  // STARTTLS with credentials, the self-signed certificate not trusted
    SmtpServer server(dir_, port_, ServerTls::StartTlsWithAuth);
    ASSERT_TRUE(server.running());
    auto config = starttls_config(kSmtpPassword);
    config.ca_file.clear();
    auto mailer = make_smtp_mailer(config);
    try {
      mailer->send(sample_message());
      FAIL() << "a self-signed certificate must not be trusted by default";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::Unavailable);
      EXPECT_NE(e.detail().find("SMTP delivery failed"), std::string::npos) << e.detail();
      EXPECT_NE(e.detail().find("certificate"), std::string::npos) << e.detail();
      EXPECT_EQ(e.detail().find(kSmtpPassword), std::string::npos) << e.detail();
    }
    EXPECT_TRUE(server.messages().empty());
  }
  {  // smtps
    const int port = free_port();
    SmtpServer server(dir_, port, ServerTls::Implicit);
    ASSERT_TRUE(server.running());
    auto mailer = make_smtp_mailer(config_for("smtps://127.0.0.1:" + std::to_string(port)));
    try {
      mailer->send(sample_message());
      FAIL() << "a self-signed certificate must not be trusted by default";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::Unavailable);
      EXPECT_NE(e.detail().find("certificate"), std::string::npos) << e.detail();
    }
    EXPECT_TRUE(server.messages().empty());
  }
}

}  // namespace
}  // namespace aligncv::notify
