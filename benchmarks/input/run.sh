#!/usr/bin/env bash
# Input at disk speed (#29 item 1): the same 10^7 values from CSV, Parquet and Arrow IPC, a minimal fit as a whole process
# (1 chain, burn-in 1, 4 draws, cpu), beside pandas' read_csv of the CSV (Debian's python3-pandas), three times each,
# interleaved, in one run. Usage: benchmarks/input/run.sh OUT_FOLDER (from the repository root, after dotnet build -c Release).
set -euo pipefail
out=${1:?give an output folder}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cli="dotnet src/GreatModel.Cli/bin/Release/net10.0/GreatModel.Cli.dll"
$cli simulate --n 10000000 --seed 5 --out "$work/big.csv" > /dev/null
dotnet run -c Release --project benchmarks/input/MakeColumns -- "$work/big.csv" "$work/big.parquet" "$work/big.arrow"
{
  echo "# Input: 10^7 values, whole processes"
  echo
  echo "- $(lscpu | grep 'Model name' | sed 's/ \+/ /g'), $(nproc) cores; $(uptime | sed 's/.*load/load/')"
  echo "- files: $(stat -c '%n %s bytes' "$work"/big.* | sed "s|$work/||g" | tr '\n' ';')"
  echo
  echo "| run | input | seconds | peak RSS (KiB) |"
  echo "|---|---|--:|--:|"
  for rep in 1 2 3; do
    for f in csv parquet arrow; do
      /usr/bin/time -f "| $rep | $f | %e | %M |" $cli fit --data "$work/big.$f" --chains 1 --burn-in 1 --samples 4 --backend cpu -q --out "$work/o.csv" 2>&1 >/dev/null | grep '^|'
    done
    /usr/bin/time -f "| $rep | pandas read_csv | %e | %M |" /usr/bin/python3 -c "import pandas as pd; pd.read_csv('$work/big.csv', comment='#')" 2>&1 | grep '^|'
  done
} | tee "$out/input.md"
