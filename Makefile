# Bureau Planner — the commands a newcomer needs. `make run` and `make test` set up everything
# they need (Debian packages, npm packages, tauri-driver) and are safe to run again.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO ?= cargo
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian 12 packages: Tauri's WebKitGTK stack, cmake + libclang for HiGHS, Xvfb and the
# WebKit WebDriver for the desktop test (xdotool types into the native save dialog), Chromium for
# the browser test, CJK fonts for the UI.
APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev \
  libayatana-appindicator3-dev librsvg2-dev cmake libclang-dev pkg-config \
  xvfb xauth webkit2gtk-driver chromium fonts-noto-cjk imagemagick xdotool
TAURI_DRIVER_VERSION := 2.1.0
PLANNER := target/debug/planner
DESKTOP := target/debug/bureau-planner
PORT ?= 8787

.PHONY: help deps deps-apt deps-npm deps-tauri-driver ui build run serve test lint \
  test-rust test-ui test-e2e test-dist bench bench-desktop dist fmt clean-workspace types

help:
	@echo "make run     build and start the desktop app (first start: the bureau's own files or the sample)"
	@echo "make serve   the same UI in a browser, at the URL it prints (headless machines)"
	@echo "make test    install what is missing, then lint and run every test"
	@echo "make bench   solver and metrics benchmarks (medians)"
	@echo "make types   regenerate the UI's API types (ui/src/lib/api/) from the Rust types"
	@echo "make dist    the release .deb (docs/release.md); make bench-desktop: its start time and memory"
	@echo "make docs-preview  render the county plan and request (DOCX) to PDF and PNG pages"

## --- setup ---------------------------------------------------------------------------------

deps: deps-apt deps-npm deps-tauri-driver

# Installs the Debian packages of the list $(1) that are not installed yet; nothing (not even
# an apt-get update) when all are, so that every target may call it.
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef


deps-apt:
	$(call apt_install,$(APT_PACKAGES))

deps-npm: ui/node_modules/.installed tests/node_modules/.installed

ui/node_modules/.installed: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund --loglevel=error
	touch $@

tests/node_modules/.installed: tests/package-lock.json
	cd tests && npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps-tauri-driver:
	@command -v tauri-driver >/dev/null 2>&1 || [ -x "$${CARGO_HOME:-$$HOME/.cargo}/bin/tauri-driver" ] || \
	  $(CARGO) install tauri-driver --locked --version $(TAURI_DRIVER_VERSION)

## --- build ---------------------------------------------------------------------------------

# The Tauri CLI from npm: its native Linux package, pinned in ui/package.json to the tauri crate's
# version (ui/scripts/tauri.cjs says why not the wrapper package).
TAURI := node ui/scripts/tauri.cjs

ui: ui/node_modules/.installed
	cd ui && npm run --silent build

# The desktop crate embeds ui/dist, so the UI is built first. One profile (dev) for everything.
build: deps-apt ui
	$(CARGO) build --workspace --locked

## --- run -----------------------------------------------------------------------------------

run: deps-apt deps-npm build
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "No display: use 'make serve' and open the printed URL, or run under xvfb-run."; exit 1; fi
	$(DESKTOP)

serve: deps-apt deps-npm build
	$(PLANNER) serve --port $(PORT)

## --- checks --------------------------------------------------------------------------------

fmt:
	$(CARGO) fmt --all

# The UI's TypeScript for the API (ui/src/lib/api/) regenerated from the Rust types; make test
# fails while the checked-in copy is stale (crates/bureau-api/tests/typescript.rs).
types:
	UPDATE_TYPESCRIPT=1 $(CARGO) nextest run --workspace --locked -E 'binary(typescript)'

lint: deps-apt deps-npm ui
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	cd ui && npm run --silent check
	@# Architecture invariant: only the desktop shell depends on Tauri.
	@for c in bureau-core bureau-storage bureau-api bureau-cli bureau-samples bureau-io; do \
	  if $(CARGO) tree --locked -p $$c -e normal,build --prefix none | grep -q '^tauri'; then \
	    echo "$$c depends on Tauri"; exit 1; fi; done

test-rust: build
	$(CARGO) nextest run --workspace --locked --no-fail-fast

test-ui: ui/node_modules/.installed
	cd ui && npm test --silent

test-e2e: deps build
	cd tests && npm test

# The .deb from the dev binary already built (no release build in make test): `tauri bundle`
# only packages target/debug/bureau-planner. The test installs it with dpkg, starts
# /usr/bin/bureau-planner under Xvfb and removes the package again (root or sudo).
test-dist: deps build
	rm -rf target/debug/bundle/deb
	$(TAURI) bundle --debug --bundles deb --ci
	cd tests && node --test --test-concurrency=1 dist/

test: deps lint test-rust test-ui test-e2e test-dist
	@echo "make test: all green"

# Solver benchmarks, then the board's drag latency on the city sample in Chromium (median of 50).
bench: deps-apt deps-npm build
	$(CARGO) run --locked -p bureau-bench
	cd tests && node bench/drag-latency.mjs --drags 50

## --- release -------------------------------------------------------------------------------

# The release .deb (docs/release.md). DIST_TARGET_DIR keeps the release profile out of the dev
# target dir if wanted: make dist DIST_TARGET_DIR=/work/dist-target
DIST_TARGET_DIR ?= target
DIST_BIN := $(DIST_TARGET_DIR)/release/bureau-planner

dist: deps-apt deps-npm ui
	rm -rf $(DIST_TARGET_DIR)/release/bundle/deb
	CARGO_TARGET_DIR=$(abspath $(DIST_TARGET_DIR)) $(TAURI) build --bundles deb --ci -- --locked
	@ls -l $(DIST_TARGET_DIR)/release/bundle/deb/*.deb

# Cold start of the release binary to its first interactive frame (median of 9) and memory with
# the city sample on the board. Needs `make dist` first (and the dev `planner` for workspaces).
bench-desktop: deps build
	@[ -x $(DIST_BIN) ] || { echo "$(DIST_BIN) missing: run make dist first"; exit 1; }
	cd tests && node bench/desktop.mjs --bin $(abspath $(DIST_BIN)) --runs 9

## --- document preview (not part of make test) ----------------------------------------------

# Renders the county's two papers — the plan alone and the request with the plan attached —
# to PDF with LibreOffice and to PNG pages (plan-N.png, request-N.png), to look at them.
DOCS_PREVIEW_PACKAGES := libreoffice-writer-nogui poppler-utils fonts-noto-cjk
DOCS_PREVIEW := target/docs-preview

.PHONY: docs-preview
docs-preview:
	$(call apt_install,$(DOCS_PREVIEW_PACKAGES))
	$(CARGO) build --workspace --locked
	rm -rf $(DOCS_PREVIEW) && mkdir -p $(DOCS_PREVIEW)
	# The paper of a solved plan: the sample's draft replaced by the optimiser's plan (its
	# placements and its community roles).
	$(PLANNER) solve fixtures/county.json --json > $(DOCS_PREVIEW)/solution.json
	python3 -c 'import json, sys; f = json.load(open("fixtures/county.json")); \
	  plan = json.load(open(sys.argv[1])); f["draft"]["assignment"] = plan["assignment"]; \
	  f["draft"]["community"] = plan["community"]; \
	  json.dump(f, open(sys.argv[2], "w"), ensure_ascii=False)' \
	  $(DOCS_PREVIEW)/solution.json $(DOCS_PREVIEW)/county-solved.json
	$(PLANNER) init --from $(DOCS_PREVIEW)/county-solved.json --db $(DOCS_PREVIEW)/county.bpw >/dev/null
	$(PLANNER) export docx --db $(DOCS_PREVIEW)/county.bpw --document plan \
	  --out $(DOCS_PREVIEW)/plan.docx
	$(PLANNER) export docx --db $(DOCS_PREVIEW)/county.bpw --document request \
	  --signer 签发人姓名 --contact 联系人姓名 --phone 0000-0000000 --copied-to 县委编办 \
	  --out $(DOCS_PREVIEW)/request.docx
	for d in plan request; do \
	  HOME=$(abspath $(DOCS_PREVIEW))/home soffice --headless --convert-to pdf \
	    --outdir $(DOCS_PREVIEW) $(DOCS_PREVIEW)/$$d.docx >/dev/null && \
	  pdftoppm -png -r 70 $(DOCS_PREVIEW)/$$d.pdf $(DOCS_PREVIEW)/$$d || exit 1; \
	done
	@echo "pages: $$(ls $(DOCS_PREVIEW)/*.png | tr '\n' ' ')"
