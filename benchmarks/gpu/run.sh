#!/usr/bin/env bash
# Runs on the GPU machine from the repository root, after benchmarks/gpu/pack.sh here:
#   device run, carry [".ship/app.tar.xz"], command "bash benchmarks/gpu/run.sh"
# Writes the raw outputs to $OUT (default ./gpu-out): GPU name, devices, the test suite (the CLI tests
# need `dotnet`, absent there, and are left out), and the bench command's table, CSV and plot.
set -uo pipefail
out=${OUT:-gpu-out}
mkdir -p "$out" /tmp/gm
tar -C /tmp/gm -xJf .ship/app.tar.xz
cli=/tmp/gm/app/GreatModel.Cli
nvidia-smi -L > "$out/nvidia-smi.txt" 2>&1
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv >> "$out/nvidia-smi.txt" 2>&1
"$cli" devices > "$out/devices.txt" 2>&1
/tmp/gm/app/GreatModel.Tests -class- GreatModel.Tests.Cli.CliTests -noColor > "$out/tests.txt" 2>&1
echo "tests exit code $?" >> "$out/tests.txt"
"$cli" bench --backends reference,cpu,ilgpu-cpu,cuda,opencl --cell-seconds 20 --out "$out/bench" > "$out/bench-log.txt" 2>&1
echo "bench exit code $?" >> "$out/bench-log.txt"
