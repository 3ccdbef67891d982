# The two commands a newcomer needs: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STORE ?= kg-store
OUT ?= out

.PHONY: demo test bench install browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's declared dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build data/reports --store $(STORE)
	$(BIN)/kg stats --store $(STORE)
	$(BIN)/kg viz --store $(STORE) -o $(OUT)/graph.html
	@echo
	@echo "Knowledge graph:  $(STORE)/   (try: $(BIN)/kg query mou_signings --store $(STORE))"
	@echo "Graph browser:    $(OUT)/graph.html   (or: $(BIN)/kg serve --store $(STORE))"

# Browser tests drive Debian's Chromium; install it when missing and we may.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || { echo "could not install chromium (needed by the browser tests)"; exit 1; }; \
	  else echo "browser tests need /usr/bin/chromium: sudo apt-get install chromium"; exit 1; fi; \
	fi

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

bench: $(STAMP) browser
	$(BIN)/python -m kg.bench
	$(BIN)/python -m viz.bench

clean:
	rm -rf $(STORE) $(OUT) .pytest_cache
