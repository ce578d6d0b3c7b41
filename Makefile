# mipg dev commands: see README.md.
.PHONY: run test test-fast setup fresh-check bench lint screenshots upgrade-check wheel load readme deploy-check

run:
	@bash tools/run.sh

test:
	@bash tools/test.sh

# The suite without the browser and PDF tests (tagged mipg_browser), on copies
# of a template database, in parallel runs (see tools/test.sh).
test-fast:
	@MIPG_TEST_TEMPLATE=1 MIPG_TEST_TAGS="$${MIPG_TEST_TAGS:-/mipg,-mipg_browser}" bash tools/test.sh

setup:
	@bash tools/setup.sh

fresh-check:
	@bash tools/fresh_check.sh

bench:
	@bash tools/bench.sh

lint:
	@bash tools/pre_commit.sh

screenshots:
	@bash tools/screenshots.sh

upgrade-check:
	@bash tools/upgrade_check.sh

wheel:
	@bash tools/wheel_check.sh

readme:
	@bash tools/readme.sh

load:
	@bash tools/load.sh

deploy-check:
	@bash tools/deploy_check.sh
