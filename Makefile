# mipg dev commands: see README.md.
.PHONY: run test bench lint screenshots upgrade-check

run:
	@bash tools/run.sh

test:
	@bash tools/test.sh

bench:
	@bash tools/bench.sh

lint:
	@bash tools/lint.sh

screenshots:
	@bash tools/screenshots.sh

upgrade-check:
	@bash tools/upgrade_check.sh
