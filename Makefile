# mipg dev commands: see README.md.
.PHONY: run test bench

run:
	@bash tools/run.sh

test:
	@bash tools/test.sh

bench:
	@bash tools/bench.sh
