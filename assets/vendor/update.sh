#!/usr/bin/env bash
# Refreshes the chart libraries that framescope's HTML report embeds, from
# the exact versions pinned in package.json and package-lock.json (npm
# registry): their browser builds, their licences, the licences of every
# package installed with them (THIRD-PARTY-NOTICES.txt) and SHA256SUMS,
# which a test checks the files against. The files are committed, so
# building framescope needs neither npm nor a network.
#
# To move to new versions: edit package.json, run
# `npm install --package-lock-only --ignore-scripts`, then this script.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
for pkg in vega vega-lite vega-embed; do
    cp "node_modules/$pkg/build/$pkg.min.js" "$pkg.min.js"
    cp "node_modules/$pkg/LICENSE" "LICENSE-$pkg.txt"
done
# Every package installed with them, with its version and licence text:
# the minified builds bundle some of them (d3 modules, vega-tooltip, ...).
node -e '
const fs = require("fs"), path = require("path");
const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
let out = "Packages installed with the vendored chart libraries (package-lock.json),\n" +
          "with their licences. The minified builds bundle some of them.\n";
for (const key of Object.keys(lock.packages).filter(k => k).sort()) {
  const info = lock.packages[key];
  const dir = key;
  const name = key.replace(/^.*node_modules\//, "");
  out += "\n==== " + name + "@" + info.version + " (" + (info.license || "see below") + ")\n";
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => /^(licen[cs]e|copying|notice)/i.test(f)).sort() : [];
  for (const f of files) out += "\n" + fs.readFileSync(path.join(dir, f), "utf8").trim() + "\n";
  if (!files.length) out += "(no licence file in the package; licence: " + (info.license || "unknown") + ")\n";
}
fs.writeFileSync("THIRD-PARTY-NOTICES.txt", out);
'
sha256sum vega.min.js vega-lite.min.js vega-embed.min.js > SHA256SUMS
rm -rf node_modules
echo "vendored: $(tr '\n' ' ' < SHA256SUMS | awk '{print $2, $4, $6}')"
