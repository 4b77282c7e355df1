#!/usr/bin/env bash
# The device check of issue #31: at most eight minutes on an H100/H200, the most important results first. Each step writes
# its raw output under $OUT (default ./gpu-out) and has its own time limit; a step that fails or runs out of time never
# stops the next, and steps.tsv says how each ended and how long it took.
#
# On the GPU machine (no .NET there), after `bash benchmarks/gpu/pack.sh` here:
#   device run, carry [".ship/app.tar.xz"], timeout_s 540, command "bash benchmarks/gpu/run.sh"
# Dry run without a GPU (ILGPU's CPU accelerator in CUDA's place, to time the steps and check the script):
#   BACKEND=ilgpu-cpu bash benchmarks/gpu/run.sh
# Estimates per step on an H100 and on the dry run: benchmarks/gpu/README.md.
set -uo pipefail
out=${OUT:-gpu-out}
backend=${BACKEND:-cuda}
mkdir -p "$out" /tmp/gm
# Unpacked again whenever the pack differs from the one unpacked (a warm machine, or an old dry run, keeps /tmp/gm).
stamp=$(sha256sum .ship/app.tar.xz | cut -d' ' -f1)
if [ "$(cat /tmp/gm/stamp 2>/dev/null)" != "$stamp" ]; then
  rm -rf /tmp/gm/app && tar -C /tmp/gm -xJf .ship/app.tar.xz && echo "$stamp" > /tmp/gm/stamp
fi
cli=/tmp/gm/app/GreatModel.Cli
tests=/tmp/gm/app/GreatModel.Tests                    # the unit suite
integration=/tmp/gm/app/GreatModel.IntegrationTests   # the long statistical checks (the suites split after this script was written)
printf 'step\tlimit_s\texit\tseconds\n' > "$out/steps.tsv"

# step NAME LIMIT COMMAND...: runs COMMAND (output to $OUT/NAME.txt) for at most LIMIT seconds; 124 in steps.tsv: cut short;
# 99: a test step that ran no test (its classes not in that suite: the failure that once went unseen).
step() {
  local name=$1 limit=$2
  shift 2
  local start=$SECONDS
  timeout --kill-after=5 "$limit" "$@" > "$out/$name.txt" 2>&1
  local code=$?
  grep -q 'TEST EXECUTION SUMMARY' "$out/$name.txt" && grep -qE 'Total: 0,' "$out/$name.txt" && code=99
  printf '%s\t%s\t%s\t%s\n' "$name" "$limit" "$code" "$((SECONDS - start))" >> "$out/steps.tsv"
}

# 1. The machine: the GPU, its driver, and what ILGPU sees (10 s).
step environment 15 sh -c 'nvidia-smi -L; nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv; '"$cli"' devices'

# 2. Correctness, before any speed: every posterior z against quadrature on the device (double, single, ν estimated),
#    the device against cpu in distribution and repeating its own draws, ragged groups, and the device path's reciprocal,
#    log and cos² on the hardware against the host's (about 90 s on an H100).
step correctness 120 "$integration" -noColor \
  -class GreatModel.Tests.Sampling.BackendPosteriorTests -class GreatModel.Tests.Sampling.DeterminismTests \
  -class GreatModel.Tests.Sampling.GroupedRunTests -class GreatModel.Tests.Backends.DeviceMathOnAcceleratorTests

# 3. The round trip per sweep at 1, 2 and 4 chains × 500 (the talk's workload), double and single (target ≤ 40 µs a sweep).
roundtrip() {
  for precision in double single; do
    for chains in 1 2 4; do
      echo "== $precision, $chains chains"
      "$cli" fit --backend "$backend" --chains "$chains" --precision "$precision" --seed 42 -q --out /tmp/gm/d.csv
    done
  done
}
step roundtrip 45 bash -c "$(declare -f roundtrip); cli=$cli backend=$backend roundtrip"

# 4. Throughput at 1024 chains × 10^5, double and single (targets ≥ 80 and ≥ 150 G datum-updates/s), what auto picks, and
#    4096 chains × 500 (host draws overlapped with device work).
large() {
  "$cli" simulate --n 100000 --seed 2 --out /tmp/gm/n1e5.csv > /dev/null
  for precision in double single; do
    echo "== $precision"
    "$cli" fit --data /tmp/gm/n1e5.csv --backend "$backend" --chains 1024 --burn-in 200 --samples 300 --precision "$precision" --seed 42 -q --out /tmp/gm/d.csv
  done
  # The same in double with the portable kernel instance (no device math, 50% occupancy against 37.5%): which is faster.
  echo "== double, portable functions (--device-math off)"
  "$cli" fit --data /tmp/gm/n1e5.csv --backend "$backend" --chains 1024 --burn-in 200 --samples 300 --device-math off --seed 42 -q --out /tmp/gm/d.csv
  echo "== auto"
  "$cli" fit --data /tmp/gm/n1e5.csv --chains 1024 --burn-in 200 --samples 300 --seed 42 -q --out /tmp/gm/d.csv
  echo "== 4096 chains × 500, host draws overlapped (the GPU's default)"
  "$cli" fit --backend "$backend" --chains 4096 --burn-in 100 --samples 200 --seed 42 -q --out /tmp/gm/d.csv
}
step large 90 bash -c "$(declare -f large); cli=$cli backend=$backend large"

# 5. The bench's quick grid on the device beside cpu-fast (the crossover auto needs; the overlap of host draws on and off at
#    16 × 500), then many data sets in one run (10^4 groups × 100 against one set of the same size).
step bench 90 "$cli" bench --backends "$backend",cpu-fast --quick --no-numpy --no-peer --cell-seconds 5 --out "$out/bench"
step groups 45 "$cli" bench --groups --backends "$backend",cpu-fast --out "$out/groups"

# 6. The other test classes with device rows (resume and the registry from the unit suite, several devices from the
#    integration suite), in what time is left.
step device-tests 50 "$tests" -noColor \
  -class GreatModel.Tests.Sampling.ResumeTests -class GreatModel.Tests.Backends.BackendRegistryTests
step multi-device 20 "$integration" -noColor -class GreatModel.Tests.Backends.MultiDeviceTests

cat "$out/steps.tsv"
