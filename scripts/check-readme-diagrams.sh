#!/usr/bin/env bash
# Renders every Mermaid block of README.md with Mermaid's own renderer (mermaid-cli, the Mermaid 11 that
# GitHub uses) in the system's Chromium, and fails on a block that does not draw or is too wide to read in a
# README column. The pictures land in target/readme-diagrams/ to look at. Without Chromium it says SKIPPED
# (apt-get install chromium); .ci/run installs it.
set -euo pipefail
cd "$(dirname "$0")/.."

max_width=1100 # px at Mermaid's natural size; GitHub scales a wider picture down to its ~900 px column
out=target/readme-diagrams
tools=scripts/readme-diagrams

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "SKIPPED: README diagrams: needs Chromium on the PATH (apt-get install chromium)"; exit 0; }

PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix "$tools" --no-audit --no-fund --silent
rm -rf "$out" && mkdir -p "$out"

# Headless, and without the background connections a closed network refuses.
cat >"$out/puppeteer.json" <<EOF
{ "executablePath": "$browser",
  "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"] }
EOF

# One file per block: readme-1.mmd, readme-2.mmd, ...
awk -v out="$out" '
  /^```mermaid[[:space:]]*$/ { n++; file = sprintf("%s/readme-%d.mmd", out, n); inside = 1; next }
  inside && /^```/ { inside = 0; close(file); next }
  inside { print > file }
' README.md

shopt -s nullglob
blocks=("$out"/readme-*.mmd)
[ ${#blocks[@]} -gt 0 ] || { echo "README.md has no Mermaid block" >&2; exit 1; }

failed=0
for block in "${blocks[@]}"; do
  name=${block%.mmd}
  if ! "$tools/node_modules/.bin/mmdc" --quiet -p "$out/puppeteer.json" -i "$block" -o "$name.svg" >"$name.log" 2>&1; then
    echo "FAILED: $block does not render:" >&2
    sed -n '1,8p' "$name.log" >&2
    failed=1
    continue
  fi
  width=$(grep -o 'max-width: [0-9.]*px' "$name.svg" | head -1 | tr -dc '0-9.')
  if awk -v w="$width" -v max="$max_width" 'BEGIN { exit !(w > max) }'; then
    echo "FAILED: $block renders ${width} px wide, more than $max_width: too small to read in a README" >&2
    failed=1
    continue
  fi
  "$tools/node_modules/.bin/mmdc" --quiet -p "$out/puppeteer.json" -i "$block" -o "$name.png" -b white >/dev/null 2>&1
  echo "rendered: $block, ${width} px wide -> $name.png"
done
exit "$failed"
