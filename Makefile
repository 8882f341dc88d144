# AITRAPP: `make run` brings the stack up in PAPER; `make test` runs the whole suite.
SHELL := /bin/bash
.PHONY: deps infra build run stop test bench clean

deps:
	@scripts/deps.sh

infra: deps
	@scripts/infra.sh

build: deps
	swift build -c release

run: infra build
	@scripts/run.sh

stop:
	@scripts/stop.sh

test: deps
	@AITRAPP_PG_FAST=1 scripts/infra.sh
	swift build --build-tests
	source scripts/common.sh && swift test --skip-build --no-parallel

bench: infra build
	@scripts/bench.sh

clean:
	@scripts/stop.sh
	@scripts/infra-stop.sh
	rm -rf .build .data
