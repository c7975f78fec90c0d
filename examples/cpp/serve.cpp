// Runs the /v2 HTTP API (and the web UI) inside this program on a free port of 127.0.0.1 until a
// line (or end of input) arrives on stdin. `aligncv serve` is the same, with settings from the
// environment and signals: aligncv::http::serve(aligncv::Options::from_env()).
#include <aligncv/aligncv.hpp>
#include <aligncv/http/server.hpp>

#include <iostream>
#include <string>
#include <thread>

int main(int argc, char** argv) {
  aligncv::Options options;
  options.data_dir = argc > 1 ? argv[1] : "./aligncv-example-data";
  options.log_to_console = false;
  try {
    auto engine = aligncv::Engine::open(options);
    aligncv::http::Server server(*engine);  // the engine must outlive the server
    const int port = server.bind("127.0.0.1", 0);  // 0: any free port
    std::thread serving([&server] { server.listen(); });
    std::cout << "Serving http://127.0.0.1:" << port << " until Enter" << std::endl;

    std::string line;
    std::getline(std::cin, line);
    server.stop();
    serving.join();  // in-flight requests have finished
    std::cout << "Stopped" << std::endl;
  } catch (const aligncv::Error& e) {
    std::cerr << "error (" << aligncv::error_code_name(e.code()) << "): " << e.detail() << "\n";
    return 1;
  }
  return 0;
}
