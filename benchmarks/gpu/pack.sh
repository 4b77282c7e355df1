#!/usr/bin/env bash
# Builds what a GPU machine without .NET needs: the CLI and both test suites, self-contained for linux-x64,
# packed into .ship/app.tar.xz (ignored by git; about 48 MB, under the device tool's 64 MiB limit).
# On the GPU machine (the `device` tool, carry [".ship/app.tar.xz"]), run benchmarks/gpu/run.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -rf .ship/app && mkdir -p .ship/app
# One folder for both: they share the runtime, which is most of the size.
dotnet publish tests/GreatModel.Tests -c Release -r linux-x64 --self-contained -o .ship/app
dotnet publish tests/GreatModel.IntegrationTests -c Release -r linux-x64 --self-contained -o .ship/app
dotnet publish src/GreatModel.Cli -c Release -r linux-x64 --self-contained -o .ship/app
tar -C .ship -cf - app | xz -T2 -6 > .ship/app.tar.xz
ls -l .ship/app.tar.xz
