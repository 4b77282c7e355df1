#!/usr/bin/env bash
# The many-data-sets workload of #29 (TFP issue 1433's ask): 10^4 ragged data sets of 20-373 values (47 on average), nu
# estimated per set, 4 chains x (1000 + 1000), `fit --group` on cpu-fast with the per-set summary as JSON, as a whole
# process (GNU time: seconds and peak memory), the draws in the tidy layout.
# Usage: benchmarks/many/run.sh OUT_DIR [SETS]   (needs Debian's python3 with numpy for the data)
set -euo pipefail
out=$(realpath -m "$1"); sets=${2:-10000}
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$root/benchmarks/many/make_sets.py" "$work/sets.csv" "$sets" 2> "$out/data.txt"
dotnet build -c Release "$root/src/GreatModel.Cli" > /dev/null
cli="$root/src/GreatModel.Cli/bin/Release/net10.0/GreatModel.Cli.dll"
/usr/bin/time -f "%e s elapsed, %M KiB peak" -o "$out/time.txt" \
  dotnet "$cli" fit --data "$work/sets.csv" --group set --column y --nu estimate --chains 4 --burn-in 1000 --samples 1000 \
  --backend cpu-fast --seed 1 --out "$work/draws.csv" --summary "$work/summary.json" --quiet > "$out/console.txt" 2> "$out/stderr.txt"
ls -l "$work/draws.csv" | awk '{print $5 " bytes of draws"}' >> "$out/time.txt"
{ echo "- $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load average before: see uptime below"; uptime; } > "$out/machine.txt"
cat "$out/data.txt" "$out/time.txt"; grep -E "^backend" "$out/console.txt"
