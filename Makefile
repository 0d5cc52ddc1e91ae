# bordernet: make release builds the release of sources/ into out/;
# make test runs every test (bash .ci/run installs the third-party judges first).
GO        ?= go
FUZZTIME  ?= 10s
DATE      ?=
SOURCES   ?= sources
OUT       ?= out
FORCE     ?=
SIZES     ?=

.PHONY: all build test check fuzz release validate bench clean screenshot serve

all: check build

build:
	$(GO) build -o bordernet ./cmd/bordernet

test:
	$(GO) vet ./...
	$(GO) test -race ./...

check:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(MAKE) test

# A short run of every fuzz target (FUZZTIME each).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
	  for target in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/^func //'); do \
	    echo "fuzz $$pkg $$target ($(FUZZTIME))"; \
	    $(GO) test -run='^$$' -fuzz="^$$target\$$" -fuzztime=$(FUZZTIME) $$pkg; \
	  done; \
	done

validate:
	$(GO) run ./cmd/bordernet validate $(SOURCES)

release:
	$(GO) run ./cmd/bordernet release --out $(OUT) $(if $(DATE),--date $(DATE)) $(if $(FORCE),--force) $(SOURCES)

# make bench SIZES="1000 10000": other sizes (default: scripts/bench.sh's).
bench:
	bash scripts/bench.sh $(SIZES)

serve: release
	$(GO) run ./cmd/bordernet serve $(OUT)/latest

# docs/site.png, the README's picture of the site: the browser test
# (Debian's chromium) renders the seed release's landing page.
screenshot:
	BORDERNET_SITE_PNG=$(CURDIR)/docs/site.png $(GO) test -count=1 -run '^TestBrowser$$' ./pipeline/serve/

clean:
	rm -f bordernet synth
	find $(OUT) -mindepth 1 -maxdepth 1 ! -name .gitkeep -exec rm -rf {} +
