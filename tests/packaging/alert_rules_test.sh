#!/bin/bash
# promtool: the alert rules parse and their unit tests pass; the scrape
# config is valid; the Grafana dashboard is JSON.
. "$(dirname "$0")/lib.sh"
cd "$SRC/packaging/monitoring"
command -v promtool >/dev/null || fail "promtool missing (apt-get install prometheus)"
promtool check rules alerts.yml
promtool test rules alerts_test.yml
promtool check config prometheus.yml
python3 -m json.tool grafana-dashboard.json >/dev/null || fail "grafana-dashboard.json is not JSON"
pass "alert rules, their tests, scrape config, dashboard"
