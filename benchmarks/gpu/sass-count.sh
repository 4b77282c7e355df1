#!/usr/bin/env bash
# Counts the GPU instructions of the per-datum update without a GPU (issue #31 item 2): ILGPU's PTX for sm_90 of one-part
# probe kernels (benchmarks/GreatModel.Benchmarks/Sass/KernelProbes.cs) and of the two sweep kernels (each in its portable
# and device instance), assembled by ptxas (CUDA 12.4, from Debian 13's non-free nvidia-cuda-toolkit; the GPU's driver
# JIT-compiles the same PTX with its own, newer ptxas) and disassembled by cuobjdump. Writes sass-count.md (and the raw
# PTX, SASS and ptxas output) into OUT.
#
#   benchmarks/gpu/sass-count.sh [OUT]          (default OUT: benchmarks/results/sass-count)
#
# ptxas and cuobjdump are taken from $CUDA_BIN, else from PATH, else unpacked from Debian's package into a scratch folder
# (needs apt and network; nothing is installed system-wide; DEBIAN_SUITE=bookworm gives CUDA 11.8). ILGPU writes PTX ISA
# 8.8; ptxas 12.4 reads up to 8.4 (11.8 up to 7.8), so the .version line is lowered (the kernels use nothing newer). Counts are static: every instruction once, NOPs left out, so a
# part with branches counts all of them (the cost to a warp whose lanes take every branch).
set -euo pipefail
shopt -s inherit_errexit # a failed step inside $(find_tools) stops the script too
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(mkdir -p "${1:-$root/benchmarks/results/sass-count}" && cd "${1:-$root/benchmarks/results/sass-count}" && pwd)"
scratch="${SCRATCH:-/tmp/greatmodel-sass}"
mkdir -p "$scratch"

find_tools() {
  if [[ -n "${CUDA_BIN:-}" ]]; then echo "$CUDA_BIN"; return; fi
  if command -v ptxas >/dev/null && command -v cuobjdump >/dev/null; then dirname "$(command -v ptxas)"; return; fi
  local suite="${DEBIAN_SUITE:-trixie}"
  local apt="$scratch/apt-$suite"
  if [[ ! -x "$apt/root/usr/bin/ptxas" ]]; then
    mkdir -p "$apt/lists/partial" "$apt/cache" "$apt/debs"
    echo "deb http://deb.debian.org/debian $suite non-free" > "$apt/sources.list"
    local o=(-o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache")
    apt-get "${o[@]}" update >&2
    (cd "$apt/debs" && apt-get "${o[@]}" download nvidia-cuda-toolkit >&2)
    dpkg-deb -x "$apt"/debs/nvidia-cuda-toolkit_*.deb "$apt/root"
  fi
  echo "$apt/root/usr/bin"
}
bin="$(find_tools)"
# The newest PTX ISA this ptxas reads (NVIDIA's PTX ISA release notes; ILGPU writes 8.8, the kernels use nothing newer than 7.8).
release="$("$bin/ptxas" --version | grep -oE 'release [0-9]+\.[0-9]+' | grep -oE '[0-9]+\.[0-9]+')"
case "$release" in
  11.8) isa=7.8 ;;
  12.0) isa=8.0 ;; 12.1) isa=8.1 ;; 12.2) isa=8.2 ;; 12.3) isa=8.3 ;; 12.4) isa=8.4 ;;
  12.5 | 12.6) isa=8.5 ;; 12.8) isa=8.7 ;;
  12.9 | 13.*) isa=8.8 ;;
  *) echo "ptxas $release: which PTX ISA it reads is not known here; use CUDA 11.8 or 12.0-13.x" >&2; exit 1 ;;
esac

commit="$(git -C "$root" describe --always --dirty)" # before this script rewrites its output folder
dotnet build -c Release "$root/benchmarks/GreatModel.Benchmarks" -v q -nologo >&2
rm -rf "$out/ptx" "$out/sass" && mkdir -p "$out/ptx" "$out/sass"
dotnet "$root/benchmarks/GreatModel.Benchmarks/bin/Release/net10.0/GreatModel.Benchmarks.dll" ptx-probes "$out/ptx"

# SASS instructions of a kernel (no NOPs), its registers, spill bytes.
declare -A count regs spills
: > "$out/sass/ptxas.txt"
for ptx in "$out"/ptx/*.ptx; do
  name="$(basename "$ptx" .ptx)"
  sed -e "s/^\.version [0-9.]*/.version $isa/" -e 's/^\.target sm_[0-9]*/.target sm_90/' "$ptx" > "$scratch/$name.ptx"
  if ! info="$("$bin/ptxas" -arch=sm_90 -v -o "$scratch/$name.cubin" "$scratch/$name.ptx" 2>&1)"; then
    echo "ptxas failed on $name: $info" >&2
    exit 1
  fi
  echo "$name: $info" >> "$out/sass/ptxas.txt"
  "$bin/cuobjdump" -sass "$scratch/$name.cubin" > "$out/sass/$name.sass"
  count[$name]="$(grep -E '^\s+/\*[0-9a-f]{4,}\*/' "$out/sass/$name.sass" | grep -vcE '\bNOP\b')"
  regs[$name]="$(grep -oE 'Used [0-9]+ registers' <<<"$info" | grep -oE '[0-9]+')"
  spills[$name]="$(grep -oE '[0-9]+ bytes spill stores' <<<"$info" | grep -oE '^[0-9]+')"
done

# Resident warps per SM on sm_90 as the registers allow (65 536 per SM, allocated per warp in units of 256), in blocks
# of 8 warps (256 threads, the tile's lanes), at most 64.
occupancy() {
  local r=$1 per_warp warps
  per_warp=$(( ( (r * 32 + 255) / 256 ) * 256 ))
  warps=$(( 65536 / per_warp )); warps=$(( warps / 8 * 8 )); (( warps > 64 )) && warps=64
  echo "$warps warps ($(( warps * 100 / 64 ))%)"
}

base=${count[Baseline]}
{
  echo "# SASS instruction counts (sm_90, ptxas $("$bin/ptxas" --version | grep -oE 'V[0-9.]+'))"
  echo
  echo "Made by \`benchmarks/gpu/sass-count.sh\` on $(date -u +%Y-%m-%d) from commit $commit."
  echo "Static counts without NOPs: a part with branches counts every branch (a warp whose lanes take them all)."
  echo "The DatumUpdate*Device probes (ν = 6, parameters constant) compile to straight-line code: their count is the issue slots of one datum-update."
  echo
  echo "| part (probe kernel) | SASS instructions, probe − baseline ($base) | registers |"
  echo "|---|---|---|"
  for name in PhiloxBlock LogDouble CosTwoPiDouble LogSingle CosTwoPiSingle LogDoubleDevice CosSquaredTwoPiDoubleDevice ReciprocalDoubleDevice LogSingleDevice CosTwoPiSingleDevice LoopFreeChiSquaredDouble LoopFreeChiSquaredSingle LoopFreeChiSquaredDoubleDevice LoopFreeChiSquaredSingleDevice DatumUpdateDouble DatumUpdateDoubleDevice DatumUpdateSingleDevice; do
    echo "| $name | $(( count[$name] - base )) | ${regs[$name]} |"
  done
  echo
  echo "| sweep kernel | SASS instructions (all paths) | registers | spill stores (bytes) | resident warps per SM (register-bound) |"
  echo "|---|---|---|---|---|"
  for name in GroupPerTile GroupPerTileDevice PerThreadTiles PerThreadTilesDevice; do
    echo "| $name | ${count[$name]} | ${regs[$name]} | ${spills[$name]} | $(occupancy "${regs[$name]}") |"
  done
} > "$out/sass-count.md"
cat "$out/sass-count.md"
