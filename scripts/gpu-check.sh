#!/usr/bin/env bash
# GPU attestation check for a machine with an NVIDIA GPU (H100/H200).
# Runs prebuilt binaries only: no Go, no network. Build them first, on any
# machine, from the repository root:
#
#   make pars-miner      # bin/pars-miner
#   go test -c -tags nvml -o build/gpucheck/gpuattest.test ./miner/gpuattest
#
# then run from the repository root: scripts/gpu-check.sh
# PARS_GPU_DEVICE picks the GPU (default 0). When CC mode is on, the
# evidence is saved under build/gpucheck/evidence and verified again with
# `pars-miner attest verify`.
set -u
cd "$(dirname "$0")/.."

status=0
section() { printf '\n==== %s ====\n' "$*"; }

for f in build/gpucheck/gpuattest.test bin/pars-miner; do
	if [ ! -x "$f" ]; then
		echo "gpu-check: $f is missing; build it first (see the top of $0)" >&2
		exit 2
	fi
done

section "nvidia-smi"
if command -v nvidia-smi >/dev/null 2>&1; then
	nvidia-smi || status=1
	nvidia-smi conf-compute -f 2>/dev/null || true   # CC mode, where supported
else
	echo "nvidia-smi not found (no NVIDIA driver installed?)"
fi

section "NVML attestation test (build/gpucheck/gpuattest.test)"
evidence=build/gpucheck/evidence
rm -rf "$evidence"
GPU_CHECK_OUT="$evidence" build/gpucheck/gpuattest.test -test.v -test.count=1 -test.run '^TestNVMLDevice$' || status=1

section "pars-miner attest status"
bin/pars-miner attest status 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	echo "(pars-miner attest status exited $rc: NVML cannot be used here)"
fi

if [ -f "$evidence/report.hex" ]; then
	section "pars-miner attest verify (saved evidence)"
	bin/pars-miner attest verify --report "$evidence/report.hex" --certs "$evidence/certs.pem" --nonce "$(cat "$evidence/nonce.hex")" || status=1
fi

section "result"
if [ $status -eq 0 ]; then
	echo "gpu-check: OK"
else
	echo "gpu-check: FAILED (see above)"
fi
exit $status
