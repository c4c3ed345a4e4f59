// Progress of a long command on standard error. On a terminal the line is
// redrawn in place; anywhere else (a log, a pipe, journald) it is printed as
// whole lines at every tenth and at the end, so logs get readable lines
// instead of one line of carriage returns.
#pragma once
#include <string>

namespace trae {

class ProgressLine {
 public:
  explicit ProgressLine(std::string what);
  void show(long long done, long long total, const std::string &unit = "");

 private:
  std::string what_;
  bool terminal_;
  int last_percent_ = -1;
};

}  // namespace trae
