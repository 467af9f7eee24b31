# Zhiping: `make run` installs what is missing, builds and serves the demo; `make test` runs every test.
BUILD_DIR ?= build
export CCACHE_DIR ?= $(CURDIR)/.ccache

.PHONY: all deps build web run test test-unit test-api test-e2e bench clean

all: build web

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@ninja -C $(BUILD_DIR)

web: deps
	@if [ -f web/package.json ]; then cd web && npm run build --silent; fi

run: build web
	$(BUILD_DIR)/zhiping serve --listen 127.0.0.1:8080 --db sqlite:var/zhiping.db --data var/data --web web/dist --demo

test: build web
	@scripts/test.sh all

test-unit: build
	@scripts/test.sh unit

test-api: build
	@scripts/test.sh api

test-e2e: build web
	@scripts/test.sh e2e

bench: build web
	@bench/run.sh
	@node bench/surge.mjs
	@node bench/queue.mjs

clean:
	rm -rf $(BUILD_DIR) web/dist
