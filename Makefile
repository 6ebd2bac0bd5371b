# Pars AI mining. `make devnet` runs a local devnet with mining; `make test`
# runs every test (library, patched node, end to end).

export GOWORK := off
GO ?= go

# Fuzz targets run by `make fuzz` (package:target), a few seconds each.
FUZZ_TARGETS := \
	./proof:FuzzDecodeAIWorkProof ./proof:FuzzDecodeWorkContext ./proof:FuzzParsePublicKey \
	./proof:FuzzVerifySignature ./reward:FuzzReward ./reward:FuzzAdvance ./precompile:FuzzRun \
	./attest/nvtrust:FuzzParseReport ./attest/nvtrust:FuzzParseChainDER ./attest/nvtrust:FuzzParseCertificate ./proof:FuzzDecodeTeleportMessage \
	./proof:FuzzDecodeFederatedUpdate ./proof:FuzzDecodeTensor ./proof:FuzzDecodeJobTicket \
	./precompile:FuzzABILayout ./precompile:FuzzDecodeArguments ./proof:FuzzStorageSlotPreimage \
	./proof:FuzzDecodeBatchHeader ./proof:FuzzDecodeBatchItems ./gateway:FuzzDecodeVisionInput
FUZZTIME ?= 5s

# The consensus client of the proof-of-stake devnet and its tests.
PRYSM_VERSION ?= v5.3.3

.PHONY: all build pars-geth pars-miner pars-gateway pars-verifier pars-devnet pars-devnet-pos pars-genesis devnet devnet-pos test test-lib test-node e2e-deps \
	l1 devnet-l1 test-l1 pars-teleport-signer pars-teleport-relayer \
	lint abi bench fuzz clean prysm

all: build

build: pars-geth pars-miner pars-gateway pars-verifier pars-devnet pars-devnet-pos pars-genesis

pars-geth:
	$(MAKE) -C evmpatch pars-geth

pars-miner:
	$(GO) build -o bin/pars-miner ./cmd/pars-miner

pars-gateway:
	$(GO) build -o bin/pars-gateway ./cmd/pars-gateway

pars-verifier:
	$(GO) build -o bin/pars-verifier ./cmd/pars-verifier

# The teleport daemons (the L1 tests run them).
pars-teleport-signer:
	$(GO) build -o bin/pars-teleport-signer ./cmd/pars-teleport-signer

pars-teleport-relayer:
	$(GO) build -o bin/pars-teleport-relayer ./cmd/pars-teleport-relayer

pars-devnet: pars-geth
	cd evmpatch && $(GO) build -o ../bin/pars-devnet ./cmd/pars-devnet

pars-devnet-pos: pars-geth
	cd evmpatch && $(GO) build -o ../bin/pars-devnet-pos ./cmd/pars-devnet-pos

# Prysm's beacon-chain, validator and prysmctl, pinned, built from the Go
# module proxy into bin/ (cold: a few minutes; skipped when already built).
prysm:
	PRYSM_VERSION=$(PRYSM_VERSION) scripts/build-prysm.sh

# Genesis (or upgrade) for a chain that runs 0x0300; built in the nested
# module, on the patched tree.
pars-genesis:
	$(MAKE) -C evmpatch pars-genesis

# THE main job: a local Pars node (chain 6133, JSON-RPC 127.0.0.1:8545,
# IAIMining at 0x0300), a gateway registered on chain serving the OpenAI API
# on http://127.0.0.1:8651/v1 (key in build/devnet/gateway/api_key), a miner
# answering its jobs and an audit watcher, in the foreground until Ctrl-C.
devnet: build
	bin/pars-devnet --dir build/devnet --bin bin

# A local proof-of-stake devnet, in the foreground until Ctrl-C: three
# pars-geth + Prysm beacon node pairs on 127.0.0.1, the 64 interop
# validators split across three validator clients, and a miner.
devnet-pos: pars-geth pars-miner pars-devnet-pos prysm
	bin/pars-devnet-pos --dir build/devnet-pos --bin bin

# The Lux-family engine (luxevm/): avalanchego v1.14.2 (pinned; built once
# into bin/, cold about 9 minutes), the subnet-evm plugin with 0x0300
# (bin/pars-subnet-evm) and the pars-l1 driver.
l1:
	$(MAKE) -C luxevm all

# A local L1, in the foreground until Ctrl-C: three avalanchego validators
# on 127.0.0.1 running the Pars chain (6133, 0x0300 active from genesis,
# `make devnet`'s governance and dev accounts) and a miner against the first.
devnet-l1: pars-miner l1
	bin/pars-l1 --dir build/devnet-l1 --bin bin

# THE test command.
test: lint test-lib test-node test-l1

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

test-lib:
	$(GO) test -count=1 ./...

e2e-deps:
	npm ci --prefix e2e --no-audit --no-fund

# The patched node: its own tests, upstream subsets, the real binary end to
# end, and a proof-of-stake network driven by Prysm.
test-node: pars-geth pars-miner pars-gateway pars-verifier pars-devnet pars-genesis e2e-deps prysm
	cd evmpatch && $(GO) vet ./...
	$(MAKE) -C evmpatch test

# The Lux-family engine: vet, the adapter and module on an in-process
# subnet-evm chain, three local validators with a miner, the conformance
# table on pars-geth and the L1, and a teleport from the L1 to pars-geth.
test-l1: pars-miner pars-geth pars-genesis pars-teleport-signer pars-teleport-relayer e2e-deps
	$(MAKE) -C luxevm test

# Regenerate the ABI JSON from the Solidity sources: IAIMining's (both
# copies) and MiningClient's with IAIMining's errors; then the Go bindings
# (contracts/bindings) with abigen of the go-ethereum release go.mod requires.
GETH_MODULE_VERSION = $(shell $(GO) list -m -f '{{.Version}}' github.com/ethereum/go-ethereum)
abi: e2e-deps
	node e2e/scripts/abi.mjs
	$(GO) run github.com/ethereum/go-ethereum/cmd/abigen@$(GETH_MODULE_VERSION) --v2 \
		--abi contracts/IAIMining.abi.json --pkg bindings --type IAIMining --out contracts/bindings/iaimining.go
	@echo wrote contracts/bindings/iaimining.go

bench:
	$(GO) test -run '^$$' -bench . -benchtime 200x ./precompile
	$(GO) test -run '^$$' -bench . ./proof ./reward

fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
		$(GO) test $$pkg -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 1s; \
	done

clean:
	rm -rf bin build
	$(MAKE) -C evmpatch clean
	$(MAKE) -C luxevm clean
