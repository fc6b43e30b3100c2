#!/usr/bin/env bash
# Installs the dashboard's pinned browser libraries (web/package-lock.json) and copies the
# minified builds, their CSS/data and their licence files into
# src/flashpoint/web/static/vendor/. The page loads them from there: no CDN, no build step.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$root/web"
nm="$web/node_modules"
vendor="$root/src/flashpoint/web/static/vendor"

command -v npm >/dev/null || { echo "vendor_js.sh: npm is not installed (apt-get install npm)" >&2; exit 1; }

(cd "$web" && npm ci --ignore-scripts --no-audit --no-fund)

rm -rf "$vendor"
mkdir -p "$vendor"/{d3,leaflet/images,leaflet.markercluster,topojson-client,world-atlas}

copy() {  # copy SRC (relative to node_modules) DEST (relative to vendor)
    cp "$nm/$1" "$vendor/$2"
    echo "  $1 -> static/vendor/$2"
}

copy d3/dist/d3.min.js                                   d3/d3.min.js
copy d3/LICENSE                                          d3/LICENSE
copy leaflet/dist/leaflet.js                             leaflet/leaflet.js
copy leaflet/dist/leaflet.css                            leaflet/leaflet.css
for img in layers.png layers-2x.png marker-icon.png marker-icon-2x.png marker-shadow.png; do
    copy "leaflet/dist/images/$img"                      "leaflet/images/$img"
done
copy leaflet/LICENSE                                     leaflet/LICENSE
copy leaflet.markercluster/dist/leaflet.markercluster.js leaflet.markercluster/leaflet.markercluster.js
copy leaflet.markercluster/dist/MarkerCluster.css        leaflet.markercluster/MarkerCluster.css
copy leaflet.markercluster/dist/MarkerCluster.Default.css leaflet.markercluster/MarkerCluster.Default.css
copy leaflet.markercluster/MIT-LICENCE.txt               leaflet.markercluster/LICENSE
copy topojson-client/dist/topojson-client.min.js         topojson-client/topojson-client.min.js
copy topojson-client/LICENSE                             topojson-client/LICENSE
copy world-atlas/countries-50m.json                      world-atlas/countries-50m.json
copy world-atlas/LICENSE                                 world-atlas/LICENSE

# Versions actually copied, for the record.
node -e '
const lock = require(process.argv[1]);
const out = {};
for (const n of ["d3", "leaflet", "leaflet.markercluster", "topojson-client", "world-atlas"])
  out[n] = lock.packages["node_modules/" + n].version;
console.log(JSON.stringify(out, null, 2));
' "$web/package-lock.json" > "$vendor/VERSIONS.json"
echo "vendored into $vendor:"
cat "$vendor/VERSIONS.json"
du -sh "$vendor"
