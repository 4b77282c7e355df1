#!/usr/bin/env bash
# Runs on the GPU machine from the repository root, after benchmarks/gpu/pack.sh here:
#   device run, carry [".ship/app.tar.xz"], command "bash benchmarks/gpu/run.sh STAGE"
# STAGE (one device command each stays under the tool's 10-minute limit): tests, fits, bench, or all.
# Writes the raw outputs to $OUT (default ./gpu-out), for benchmarks/results/<gpu>-<date>/:
#   tests  GPU name, devices, the test suite (the CLI tests need `dotnet`, absent there, and are left out),
#          the sweep kernels' PTX (ptx_*.ptx: instruction counts for the ceiling, issue #13)
#   fits   the round trip per sweep at 1, 2 and 4 chains × 500 (the talk's workload) on CUDA, double and single;
#          1024 chains × 10^5 both ways (issue #13's targets: ≤ 40 µs per sweep, ≤ 160 ms, ≥ 80 G/s)
#   bench  the bench table side by side with the CPU backends (the crossover auto needs), overlap on and off
#          at 4096 × 500 (the host share), then the CUDA grid in single precision
set -uo pipefail
stage=${1:-all}
out=${OUT:-gpu-out}
mkdir -p "$out" /tmp/gm
[ -x /tmp/gm/app/GreatModel.Cli ] || tar -C /tmp/gm -xJf .ship/app.tar.xz
cli=/tmp/gm/app/GreatModel.Cli
if [ "$stage" = tests ] || [ "$stage" = all ]; then
  nvidia-smi -L > "$out/nvidia-smi.txt" 2>&1
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv >> "$out/nvidia-smi.txt" 2>&1
  "$cli" devices > "$out/devices.txt" 2>&1
  GREATMODEL_PTX_DUMP="$out" /tmp/gm/app/GreatModel.Tests -class- GreatModel.Tests.Cli.CliTests -noColor > "$out/tests.txt" 2>&1
  echo "tests exit code $?" >> "$out/tests.txt"
fi
if [ "$stage" = fits ] || [ "$stage" = all ]; then
  for precision in double single; do
    for chains in 1 2 4; do
      "$cli" fit --backend cuda --chains "$chains" --precision "$precision" --seed 42 -q --out /tmp/gm/d.csv \
        > "$out/fit-talk-cuda-$precision-$chains.txt" 2>&1
    done
  done
  "$cli" simulate --n 100000 --seed 2 --out /tmp/gm/n1e5.csv > /dev/null
  for precision in double single; do
    "$cli" fit --data /tmp/gm/n1e5.csv --backend cuda --chains 1024 --burn-in 200 --samples 300 --precision "$precision" \
      --seed 42 -q --out /tmp/gm/d.csv > "$out/fit-1024x1e5-cuda-$precision.txt" 2>&1
  done
  "$cli" fit --data /tmp/gm/n1e5.csv --chains 1024 --burn-in 200 --samples 300 --seed 42 -q --out /tmp/gm/d.csv \
    > "$out/fit-1024x1e5-auto.txt" 2>&1
fi
if [ "$stage" = bench ] || [ "$stage" = all ]; then
  "$cli" bench --backends reference,cpu,cpu-fast,ilgpu-cpu,cuda,opencl --cell-seconds 10 --out "$out/bench" > "$out/bench-log.txt" 2>&1
  echo "bench exit code $?" >> "$out/bench-log.txt"
  "$cli" bench --backends cuda --precision single --no-numpy --no-peer --cell-seconds 10 --out "$out/bench-single" > "$out/bench-single-log.txt" 2>&1
  echo "bench exit code $?" >> "$out/bench-single-log.txt"
fi
