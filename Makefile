# twostep: the verbs a person types.
#   make certify   set up a fresh machine, build, regenerate every certificate, check them
#   make test      the full test suite (what CI runs)
#   make check     re-prove the committed certificates
#   make coq       re-check the certificates in Coq (every lemma)
#   make bench     benchmarks

SHELL := /bin/bash
CARGO ?= cargo
BIN := target/release/twostep
export GMP_MPFR_SYS_CACHE ?= $(HOME)/.cache/gmp-mpfr-sys

.PHONY: setup coq-deps build certify check test coq coq-ci bench bench-peers

# Installs what a fresh Debian machine lacks (m4 is needed to build GMP and MPFR).
setup:
	@command -v m4 >/dev/null || { apt-get update -qq && apt-get install -y -qq m4; }
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust (rustup)"; exit 2; }
	@mkdir -p $(GMP_MPFR_SYS_CACHE)

# Coq 8.16 with the interval library (pulls in Coquelicot, Flocq, Bignums).
coq-deps:
	@command -v coqc >/dev/null || { apt-get update -qq && apt-get install -y -qq coq libcoq-interval; }

build: setup
	$(CARGO) build --release --locked

certify: build
	$(BIN) certify all --out certificates
	$(BIN) check certificates/*.json

check: build
	$(BIN) check certificates/*.json

# The Rust suite, then the Coq build CI runs: theorem2 and appendix-l in full, a fixed
# sample of the larger certificates.
test: setup coq-deps
	$(CARGO) fmt --check
	$(CARGO) test --release --locked
	$(MAKE) coq-ci

# Every Coq proof of every certificate.
coq: coq-deps build
	proofs/build.sh

coq-ci: coq-deps build
	SAMPLE=4 proofs/build.sh

bench: build bench-peers
	$(CARGO) bench --locked

# The project against python-flint (Arb) and mpmath on bench/neuron_boxes.json.
bench-peers: build
	python3 -m venv .venv && .venv/bin/pip install -q python-flint mpmath
	$(CARGO) build --release --locked --example peer_step
	.venv/bin/python bench/peers/compare.py .venv/bin/python target/release/examples/peer_step
