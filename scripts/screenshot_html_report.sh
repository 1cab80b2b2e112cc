#!/usr/bin/env bash
# Render the HTML report of the seed reports and screenshot it in headless Chromium.
#
# Why: the HTML format is for people; a structural test cannot tell whether the
# page *looks* right (tables aligned, CJK text rendered, findings visible). This
# script produces a PNG to look at after changing linter/output/html*.py.
#
# Usage:
#   scripts/screenshot_html_report.sh [OUT_DIR]          (default: build/html-report)
# Environment:
#   SEEDS=DIR             reports to check (default: tests/data/shared/seeds)
#   PYTHON=EXE            interpreter with govlint installed (default: .venv/bin/python,
#                         else python3 on PATH); the tests pass their own interpreter
#   WINDOW=WxH            browser window (default: 1400,2000)
#   NO_SCREENSHOT=1       only write the HTML (used by the tests when Chromium is absent)
#
# Output: OUT_DIR/report.html + report.png (all seeds: summary first) and
# OUT_DIR/report-1.html + report-1.png (the first seed alone: tables, text, findings).
#
# Needs: chromium (Debian: apt-get install -y chromium) and a CJK font, else Chinese
# shows as boxes (Debian: apt-get install -y fonts-wqy-microhei or fonts-noto-cjk).
# Exit status: 0 ok; 1 HTML generation failed; 2 screenshot failed; 3 no chromium.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$repo/build/html-report}"
seeds="${SEEDS:-$repo/tests/data/shared/seeds}"
[ -d "$seeds" ] && seeds="$(cd "$seeds" && pwd)"
py="${PYTHON:-$repo/.venv/bin/python}"
[ -x "$py" ] || py="$(command -v python3)"
window="${WINDOW:-1400,2000}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
html="$out/report.html"
rm -f "$html" "$out/report.png" "$out/report-1.html" "$out/report-1.png"

# the reports only (the seeds folder also holds EXPECTED.md)
mapfile -t reports < <(find "$seeds" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.pdf' \
                         -o -name '*.docx' -o -name '*.html' \) | sort)
if [ "${#reports[@]}" -eq 0 ]; then
  echo "screenshot_html_report: no reports in $seeds" >&2
  exit 1
fi
set +e
(cd "$seeds" && "$py" -m govlint check --output-format html -o "$html" "${reports[@]##*/}")
status=$?
# the single-report page (no summary) of the first seed
(cd "$seeds" && "$py" -m govlint check --output-format html -o "$out/report-1.html" "${reports[0]##*/}")
set -e
if [ "$status" -gt 1 ] || [ ! -s "$html" ] || [ ! -s "$out/report-1.html" ]; then
  echo "screenshot_html_report: govlint check failed (exit $status)" >&2
  exit 1
fi
echo "HTML: $html"
[ "${NO_SCREENSHOT:-}" = "1" ] && exit 0

chrome=""
for name in chromium chromium-browser google-chrome; do
  if command -v "$name" >/dev/null 2>&1; then chrome="$(command -v "$name")"; break; fi
done
if [ -z "$chrome" ]; then
  echo "screenshot_html_report: no chromium found (apt-get install -y chromium)" >&2
  exit 3
fi

shoot() {  # shoot URL PNG
  local profile
  profile="$(mktemp -d)"
  timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --window-size="$window" \
    --screenshot="$2" "$1" >/dev/null 2>&1 || true
  rm -rf "$profile"
  if [ ! -s "$2" ]; then
    echo "screenshot_html_report: chromium wrote no $2" >&2
    exit 2
  fi
  echo "PNG:  $2"
}
shoot "file://$html" "$out/report.png"
[ -s "$out/report-1.html" ] && shoot "file://$out/report-1.html" "$out/report-1.png"
exit 0
