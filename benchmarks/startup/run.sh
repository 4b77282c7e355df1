#!/usr/bin/env bash
# Start-up as users meet it (#29 item 6): the talk's workload (built-in example, n = 500, 1 chain, 2000 + 2000 sweeps) as
# a whole process, side by side in one run, alternating: the compiled peer (benchmarks/peer/gibbs_peer.rs, rustc -O,
# target-cpu=native), the installed tool (dotnet pack's GreatModel.Tool for this platform: ReadyToRun), and the program
# as `dotnet build` leaves it (dotnet GreatModel.Cli.dll); also the tool's `--version` (the floor: runtime, host, parsing).
# Usage: benchmarks/startup/run.sh OUT_DIR [ROUNDS]   (needs rustc; packs the tool for this machine's RID into OUT_DIR/.work)
set -euo pipefail
out=$(realpath -m "$1"); rounds=${2:-10}
root=$(cd "$(dirname "$0")/../.." && pwd)
work="$out/.work"; rm -rf "$work"; mkdir -p "$work"
rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
dotnet build -c Release "$root/src/GreatModel.Cli" > "$work/build.log"
dotnet pack -c Release "$root/src/GreatModel.Cli" -o "$work/feed" --artifacts-path "$work/artifacts" "-p:ToolPackageRuntimeIdentifiers=$rid" > "$work/pack.log"
version=$(ls "$work/feed" | sed -n 's/^GreatModel\.Tool\.\([0-9][^/]*\)\.nupkg$/\1/p' | head -1)
dotnet tool install --tool-path "$work/tool" --add-source "$work/feed" GreatModel.Tool --version "$version" > "$work/install.log"
rustc -C opt-level=3 -C target-cpu=native -o "$work/peer" "$root/benchmarks/peer/gibbs_peer.rs"
dll="$root/src/GreatModel.Cli/bin/Release/net10.0/GreatModel.Cli.dll"
dotnet "$dll" simulate --n 500 --nu 6 --mu -3.14 --sigma2 30 --seed 1 --out - | tail -n +3 > "$work/talk.txt"
seconds() { local s e; s=$(date +%s.%N); "$@" > /dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
fit=(fit --chains 1 --burn-in 2000 --samples 2000 --seed 1 --quiet --out "$work/d.csv")
{
  echo "round,peer_s,tool_s,dotnet_build_s,tool_version_s"
  for i in $(seq 1 "$rounds"); do
    echo "$i,$(seconds "$work/peer" "$work/talk.txt" 6 1 2000 2000 1 "$work/peer.csv"),$(seconds "$work/tool/greatmodel" "${fit[@]}"),$(seconds dotnet "$dll" "${fit[@]}"),$(seconds "$work/tool/greatmodel" --version)"
  done
} > "$out/startup.csv"
{
  echo "# Start-up: the talk's workload as a whole process"
  echo
  echo "- $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- $(dotnet --version) SDK, RID $rid, $(rustc --version)"
  echo
  echo "| | median s | × peer |"
  echo "|---|--:|--:|"
  for col in 2 3 4 5; do
    name=$(head -1 "$out/startup.csv" | cut -d, -f$col)
    median=$(tail -n +2 "$out/startup.csv" | cut -d, -f$col | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}')
    echo "$name $median" >> "$work/medians"
  done
  peer=$(awk '$1 == "peer_s" {print $2}' "$work/medians")
  awk -v p="$peer" '{printf "| %s | %.3f | %.1f |\n", $1, $2, $2 / p}' "$work/medians"
  echo
  echo "Command: \`benchmarks/startup/run.sh $1 $rounds\`; raw times in startup.csv."
} > "$out/startup.md"
rm -rf "$work"
cat "$out/startup.md"
