// Uses libaligncv directly: open an engine on a data folder, sign up, read the profile back.
#include <aligncv/aligncv.hpp>

#include <iostream>

int main(int argc, char** argv) {
  aligncv::Options options;
  options.data_dir = argc > 1 ? argv[1] : "./aligncv-example-data";
  options.log_to_console = false;
  try {
    auto engine = aligncv::Engine::open(options);
    auto result = engine->signup({{"name", "Ada Lovelace"},
                                  {"email", "ada@example.com"},
                                  {"password", "analytical-engine"}});
    auto me = engine->authenticate(result.tokens.access_token);
    std::cout << aligncv::to_json(engine->me(me)).dump(2) << "\n";
  } catch (const aligncv::Error& e) {
    std::cerr << "error (" << aligncv::error_code_name(e.code()) << "): " << e.detail() << "\n";
    return 1;
  }
  return 0;
}
