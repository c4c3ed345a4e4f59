#include "cli/progress_line.hpp"

#include <unistd.h>

#include <cstdio>

namespace trae {

ProgressLine::ProgressLine(std::string what)
    : what_(std::move(what)), terminal_(isatty(STDERR_FILENO) == 1) {}

void ProgressLine::show(long long done, long long total, const std::string &unit) {
  const int pct = total > 0 ? static_cast<int>(done * 100 / total) : 100;
  const bool end = done >= total;
  if (pct == last_percent_ && !end) return;
  if (!terminal_ && !end && last_percent_ >= 0 && pct / 10 == last_percent_ / 10) return;
  last_percent_ = pct;
  std::fprintf(stderr, "%s%s: %lld/%lld%s%s (%d%%)%s", terminal_ ? "\r" : "", what_.c_str(), done, total,
               unit.empty() ? "" : " ", unit.c_str(), pct, terminal_ && !end ? "" : "\n");
  std::fflush(stderr);
}

}  // namespace trae
