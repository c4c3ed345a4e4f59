// The integration suite's own main. Its clients write to connections the
// server may already have closed (a body past the cap answered with 413, a
// slow client cut off, a server being stopped); such a write must fail with
// EPIPE, as it does in the server (src/cli/serve.cpp), rather than kill the
// whole suite with SIGPIPE. Under ASan's slower timing this happened in CI.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <csignal>

int main(int argc, char **argv) {
  std::signal(SIGPIPE, SIG_IGN);
  return doctest::Context(argc, argv).run();
}
