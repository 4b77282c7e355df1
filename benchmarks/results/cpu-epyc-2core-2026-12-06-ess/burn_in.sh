#!/usr/bin/env bash
# R-hat and the smallest ESS per draw (over mu, sigma2, nu; bulk and tail) after each burn-in, from dispersed starts
# (4 chains x 2000 draws, cpu-fast, seeds 1-5), on the talk's data and Newcomb's, nu fixed (6 and 4) and estimated.
# Run from the repository root after `dotnet build -c Release`.
set -euo pipefail
G="dotnet src/GreatModel.Cli/bin/Release/net10.0/GreatModel.Cli.dll"
tmp=$(mktemp -d)
echo "data,nu,burn_in,seed,max_rhat,min_ess_per_draw,nu_move_acceptance"
for data in talk newcomb; do
  if [ $data = talk ]; then D=(); fixed=6; else D=(--data examples/newcomb.csv); fixed=4; fi
  for nu in $fixed estimate; do
    for B in 25 50 100 200 500 1000 2000; do
      for seed in 1 2 3 4 5; do
        $G fit "${D[@]}" --nu $nu --burn-in $B --seed $seed --backend cpu-fast --out "$tmp/d.csv" --summary "$tmp/s.json" > /dev/null 2>&1
        python3 - "$tmp/s.json" "$data" "$nu" "$B" "$seed" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ps = [p for p in ("mu", "sigma2", "nu") if p in d]
rhat = max(d[p]["r_hat"] for p in ps)
ess = min(min(d[p]["ess_bulk"], d[p]["ess_tail"]) for p in ps) / (d["run"]["chains"] * d["run"]["draws_per_chain"])
print(f'{sys.argv[2]},{sys.argv[3]},{sys.argv[4]},{sys.argv[5]},{rhat:.4f},{ess:.3f},{d["run"].get("nu_move_acceptance", "")}')
PY
      done
    done
  done
done
rm -rf "$tmp"
