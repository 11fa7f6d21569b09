// collectors: running a platform command with Boost.Process and a deadline.
#include "collectors/seams/command.hpp"

#include <fmt/format.h>

#include <boost/asio/io_context.hpp>
#include <boost/process.hpp>
#include <future>

namespace tekigo::collectors {

namespace bp = boost::process;

CommandResult run_command(const std::string& program, const std::vector<std::string>& args,
                          const CommandOptions& options) {
  CommandResult result;
  try {
    boost::filesystem::path exe = program.find_first_of("/\\") == std::string::npos
                                      ? bp::search_path(program)
                                      : boost::filesystem::path(program);
    if (exe.empty() || !boost::filesystem::exists(exe)) {
      result.error = fmt::format("`{}` not found", program);
      return result;
    }
    bp::environment env = boost::this_process::environment();
    if (options.clean_environment) {
      std::string path = env.count("PATH") ? env["PATH"].to_string() : "/usr/bin:/bin";
      env.clear();
      env["PATH"] = path;
    }
    for (const auto& [k, v] : options.environment) env[k] = v;

    boost::asio::io_context io;
    std::future<std::string> out, err;
    bp::child child(exe, bp::args(args), bp::std_in.close(), bp::std_out > out, bp::std_err > err,
                    env, io);
    io.run_for(options.timeout);
    if (!io.stopped()) {
      std::error_code ec;
      child.terminate(ec);
      io.run_for(std::chrono::milliseconds(200));
      result.error = fmt::format("`{}` timed out after {} ms", program, options.timeout.count());
      return result;
    }
    child.wait();
    result.ran = true;
    result.exit_code = child.exit_code();
    result.out = out.get();
    result.err = err.get();
    if (result.out.size() > options.max_output) result.out.resize(options.max_output);
    if (result.err.size() > options.max_output) result.err.resize(options.max_output);
    if (result.exit_code != 0)
      result.error = fmt::format("`{}` exited with status {}", program, result.exit_code);
  } catch (const std::exception& e) {
    result.ran = false;
    result.error = fmt::format("`{}` could not run: {}", program, e.what());
  }
  return result;
}

}  // namespace tekigo::collectors
