# The two commands a fresh clone needs: `make run` and `make test`. Each installs what is
# missing first (.ci/install-tools).

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

# cargo-leptos looks for wasm-opt and sass on PATH: the npm ones must come first (Debian's
# binaryen 108 makes a wasm that Chromium rejects).
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export SASS_PATH := $(CURDIR)/node_modules

BIN := target/release/champions
ADDR ?= 127.0.0.1:3000
DATABASE_URL ?= sqlite://champions.db?mode=rwc
export DATABASE_URL

.PHONY: run build tools test lint unit e2e bench clean

## run: build the release site, create and migrate the database, load demo data into an
## empty one, and serve http://127.0.0.1:3000
run: build
	$(BIN) seed-demo
	LEPTOS_SITE_ADDR=$(ADDR) LEPTOS_SITE_ROOT=target/site exec $(BIN) serve

## build: the release server binary and site (target/release/champions, target/site)
build: tools
	cargo leptos build --release --precompress --cargo-locked

tools:
	bash .ci/install-tools

## test: everything CI runs
test: tools lint unit build e2e

lint:
	cargo fmt --all --check
	cargo clippy --locked --workspace --all-targets --features app/ssr -- -D warnings
	cargo clippy --locked -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings

unit:
	cargo test --locked --workspace --features app/ssr

e2e:
	cd end2end && npx playwright test

## bench: load-test the release build on loopback and print the figures (not part of test)
bench: build
	bash .ci/bench

clean:
	cargo clean
	rm -rf node_modules end2end/node_modules end2end/test-results end2end/playwright-report
