# twostep: the verbs a person types.
#   make certify   set up a fresh machine, build, regenerate every certificate, check them
#   make test      the full test suite (what CI runs)
#   make check     re-prove the committed certificates
#   make coq       re-check the certificates in Coq
#   make bench     benchmarks

SHELL := /bin/bash
CARGO ?= cargo
BIN := target/release/twostep
export GMP_MPFR_SYS_CACHE ?= $(HOME)/.cache/gmp-mpfr-sys

.PHONY: setup build certify check test coq bench

# Installs what a fresh Debian machine lacks (m4 is needed to build GMP and MPFR).
setup:
	@command -v m4 >/dev/null || { apt-get update -qq && apt-get install -y -qq m4; }
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust (rustup)"; exit 2; }
	@mkdir -p $(GMP_MPFR_SYS_CACHE)

build: setup
	$(CARGO) build --release --locked

certify: build
	$(BIN) certify all --out certificates
	$(BIN) check certificates/*.json

check: build
	$(BIN) check certificates/*.json

test: setup
	$(CARGO) test --release --locked

bench: build
	$(CARGO) bench --locked
