# The verbs of the course. Each one sets up what it needs first (a .venv with the locked
# requirements, requirements.lock), so on a fresh machine `make book` and `make test` are enough.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
BOOK_PORT ?= 8000
APP_PORT ?= 8866
DASHBOARD_PORT ?= 8867
LAB_PORT ?= 8888
# Jupyter refuses to run as root unless told; a workshop laptop or a container may be root.
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: help setup lock book build test app codes lab lint benchmarks clean chromium bubblewrap \
	office proxy axe repository assignments validate autograde items similarity formgrader feedback \
	grades slides pdf worksheets dashboard report certificates

help:
	@echo "make book        build the book and serve it on http://$(HOST):$(BOOK_PORT)"
	@echo "make build       build the book only (warnings are errors)"
	@echo "make test        set up everything the tests need, then run them"
	@echo "make app         serve the Day 5 action-plan app on http://$(HOST):$(APP_PORT)"
	@echo "make codes N=12  issue the room's team codes for the app (keeps those already issued;"
	@echo "                 FRESH=1 starts a new list); prints them to read aloud or print"
	@echo "make lab         open JupyterLab on the course, for a workshop machine"
	@echo "make benchmarks  measure build time, app start-up, the site on a slow line, autograding"
	@echo "make slides      one PowerPoint deck per module, into _build/slides"
	@echo "make pdf         the whole book as one PDF (notes open, forms as worksheets),"
	@echo "                 _build/print/book.pdf"
	@echo "make worksheets  a paper worksheet (PDF) for each exercise, into _build/print/worksheets"
	@echo "make dashboard   the room's live dashboard for the facilitator (facilitator code from"
	@echo "                 make codes) on http://$(HOST):$(DASHBOARD_PORT); SOURCES=paths to read"
	@echo "make report START=2027-03-01  the organizers' report (Word), _build/report/report.docx"
	@echo "                 (WORKSHOP=workshop.yaml for the organizers and place; SOURCES as above)"
	@echo "make certificates ROSTER=roster.csv START=2027-03-01  a certificate of participation"
	@echo "                 per participant, Word and PDF, into _build/certificates"
	@echo "make lock        resolve requirements*.txt again into requirements.lock (with hashes);"
	@echo "                 UPGRADE=1 also moves every unpinned package to its newest version"
	@echo ""
	@echo "The graded course (nbgrader, in exercises/):"
	@echo "make assignments generate every assignment's student version into exercises/release"
	@echo "make validate    check that every source passes and every unanswered release fails"
	@echo "make autograde   grade all submitted work in parallel, each submission's code in a"
	@echo "                 sandbox (bubblewrap); a progress bar, what to look at, similar answers"
	@echo "                 (FORCE=1 grades again what was graded; WORKERS=N sets the workers;"
	@echo "                 UNSAFE=1 grades WITHOUT a sandbox: students' code runs as you)"
	@echo "make similarity  list again the answers that are the same as a classmate's or the samples'"
	@echo "make items       each autograded item's difficulty and discrimination, and the items to review"
	@echo "make formgrader  open nbgrader's Formgrader to grade the written answers"
	@echo "make feedback    write every student's feedback from the grades"
	@echo "make grades      export the gradebook to exercises/grades.csv"
	@echo "make repository URL=https://github.com/<owner>/<fork> [HUB=<hub address>]"
	@echo "                 point the launch buttons (and the Colab install cells) at a fork"

VOILA_TEMPLATE := share/jupyter/voila/templates/dgt-offline

# Every package comes from the lock, with its hash, and nothing else: a venv made for another
# lock is made again, since installing over it would keep the packages the new lock dropped.
# The course itself goes in last, editable, without its dependencies (the lock has them) and
# built with the lock's setuptools. tests/unit/test_lock.py holds the venv to the lock.
LOCK := requirements.lock
$(STAMP): $(LOCK) pyproject.toml
	@if [ -d $(VENV) ] && ! cmp -s $(LOCK) $(VENV)/$(LOCK); then \
	  echo "requirements.lock changed: making .venv again"; rm -rf $(VENV); fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	cp $(LOCK) $(VENV)/$(LOCK)
	@# An editable install skips data files: link the app's offline Voila template instead.
	mkdir -p $(VENV)/$(dir $(VOILA_TEMPLATE))
	ln -sfn $(CURDIR)/$(VOILA_TEMPLATE) $(VENV)/$(VOILA_TEMPLATE)
	@touch $@

setup: $(STAMP)

# The lock: every package of requirements-test.txt (which takes in deploy/requirements.txt and
# requirements.txt), transitive ones too, at one version each, with the hash of every file PyPI
# serves for that version, for Python 3.11 and later on Linux, macOS and Windows. Made by uv, a
# tool for the course's developers only, kept in .tools (not in the course's .venv), and always
# against PyPI alone, whatever mirrors or extra indexes this machine's pip is set up with.
# deploy/requirements.lock is the part of it that Binder, the hub users' image and the
# one-server hub install: deploy/requirements.txt resolved within requirements.lock, so every
# package in it is the same version with the same hashes.
# Packages pinned in requirements*.txt keep their pins; the others keep the version the lock
# has unless UPGRADE=1 (every one to its newest) or UPGRADE_PACKAGE=name (that one).
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
$(TOOLS)/.uv-$(UV_VERSION):
	@test -x $(TOOLS)/bin/python || $(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet uv==$(UV_VERSION)
	@touch $@

UV_COMPILE = $(UV) pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	  --index-url https://pypi.org/simple --no-config --custom-compile-command "make lock"

lock: $(TOOLS)/.uv-$(UV_VERSION)
	$(UV_COMPILE) requirements-test.txt --output-file $(LOCK) \
	  $(if $(UPGRADE),--upgrade) $(if $(UPGRADE_PACKAGE),--upgrade-package $(UPGRADE_PACKAGE))
	@# The hub's and Binder's share of that same lock, without the test tools.
	$(UV_COMPILE) deploy/requirements.txt --constraint $(LOCK) --output-file deploy/$(LOCK)

build: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going

book: build
	@echo ""
	@echo "  The book is served at http://$(HOST):$(BOOK_PORT)/  (press Ctrl+C to stop)"
	@echo ""
	$(BIN)/python -m http.server $(BOOK_PORT) --bind $(HOST) --directory _build/html

# Debian's chromium for the browser tests (Playwright drives it; it never downloads one).
chromium:
	@if ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "The browser tests need Chromium at /usr/bin/chromium."; \
	    echo "Install it as root with:  apt-get install chromium"; \
	    exit 1; \
	  fi; \
	fi

# bubblewrap, the sandbox every submission's code runs in while it is graded (Debian's package
# bubblewrap, the bwrap command). Without it `make autograde` refuses to grade (UNSAFE=1 aside).
bubblewrap:
	@if ! command -v bwrap >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing bubblewrap, the sandbox for grading students' code..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap; \
	  else \
	    echo "Autograding runs each submission in a sandbox: it needs bubblewrap (bwrap)."; \
	    echo "Install it as root with:  apt-get install bubblewrap"; \
	    echo "(or grade WITHOUT a sandbox, at your own risk: make autograde UNSAFE=1)"; \
	    exit 1; \
	  fi; \
	fi

# What the course's office files and their tests need from Debian: LibreOffice (Impress opens
# the decks, Writer the Word files, Calc the CSV and Excel exports), poppler's pdftotext and
# pdftoppm, and the Liberation fonts,
# metric twins of Arial, the decks' font (dgtkit/facilitator/look.py), so LibreOffice lays the
# text out as the decks measured it.
OFFICE_PACKAGES := libreoffice-impress libreoffice-writer libreoffice-calc poppler-utils \
	fonts-liberation
office:
	@missing=""; \
	for package in $(OFFICE_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" \
	    || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing from Debian for the facilitator's kit:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends $$missing; \
	  elif ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then \
	    echo "The facilitator's kit and its tests need LibreOffice and poppler's tools."; \
	    echo "Install them as root with:  apt-get install$$missing"; \
	    exit 1; \
	  fi; \
	fi

# The hub's proxy (configurable-http-proxy) from the npm registry, pinned by its lock file,
# into deploy/proxy/node_modules (git-ignored). The hub test and deploy/one-server use it.
PROXY := deploy/proxy/node_modules/.bin/configurable-http-proxy
$(PROXY): deploy/proxy/package.json deploy/proxy/package-lock.json
	npm ci --prefix deploy/proxy --no-audit --no-fund --loglevel=error
	@touch $@

proxy: $(PROXY)

# axe-core, the accessibility checker the browser tests inject into every page of the book and
# into the app (tests/book/test_accessibility.py), from the npm registry, pinned by its lock file,
# into tests/axe/node_modules (git-ignored).
AXE := tests/axe/node_modules/axe-core/axe.min.js
$(AXE): tests/axe/package.json tests/axe/package-lock.json
	npm ci --prefix tests/axe --no-audit --no-fund --loglevel=error
	@touch $@

axe: $(AXE)

test: $(STAMP) chromium bubblewrap office $(PROXY) $(AXE)
	$(BIN)/python -m pytest

app: $(STAMP)
	cd notebooks && ../$(BIN)/voila action_plan.ipynb --no-browser \
	  --Voila.ip=$(HOST) --port=$(APP_PORT)

# The room's team codes, where the app reads them: notebooks/team-codes.txt, beside the
# workbook (CODES_FILE=path to write them elsewhere, as DGTKIT_TEAM_CODES_FILE tells the app).
N ?= 12
codes: $(STAMP)
	cd notebooks && ../$(BIN)/python -m dgtkit.instructor.team_codes $(N) $(if $(FRESH),--fresh) \
	  $(if $(CODES_FILE),--file "$(CODES_FILE)")

lab: $(STAMP)
	$(BIN)/jupyter lab --no-browser --ip=$(HOST) --port=$(LAB_PORT) $(ROOT_FLAG) \
	  --ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/notebooks

lint: $(STAMP)
	$(BIN)/ruff check .

benchmarks: $(STAMP) chromium bubblewrap
	$(BIN)/python benchmarks/book_build.py
	$(BIN)/python benchmarks/app_time_to_widgets.py
	$(BIN)/python benchmarks/site_weight.py
	$(BIN)/python benchmarks/autograde_parallel.py

# The facilitator's kit (dgtkit/facilitator/, book/facilitator-guide.md). The decks come from
# the same pages and week as the book; the book's build copies them into _build/html/slides.
slides: $(STAMP)
	$(BIN)/python -m dgtkit.facilitator slides --out _build/slides

pdf: build chromium
	$(BIN)/python -m dgtkit.facilitator pdf --html _build/html --out _build/print/book.pdf

worksheets: $(STAMP) chromium
	$(BIN)/python -m dgtkit.facilitator worksheets --out _build/print/worksheets

# The room's dashboard (dgtkit/facilitator/dashboard.py): its own Voila server beside the app's,
# reading the room's workbook and notebooks/handed-in/ (SOURCES=a:b reads those instead).
dashboard: $(STAMP)
	cd notebooks && $(if $(SOURCES),DGTKIT_DASHBOARD_SOURCES="$(SOURCES)") \
	  ../$(BIN)/voila dashboard.ipynb --no-browser --Voila.ip=$(HOST) --port=$(DASHBOARD_PORT)

# The end of the week: the organizers' report and the certificates (facilitator guide).
WORKSHOP ?= workshop.yaml
report: $(STAMP)
	cd notebooks && $(if $(SOURCES),DGTKIT_DASHBOARD_SOURCES="$(SOURCES)") \
	  ../$(BIN)/python -m dgtkit.facilitator report --out $(CURDIR)/_build/report/report.docx \
	  $(if $(START),--start $(START)) --workshop $(abspath $(WORKSHOP))

certificates: $(STAMP) office
	@test -n "$(ROSTER)" || { echo "Usage: make certificates ROSTER=roster.csv [START=2027-03-01]"; exit 2; }
	$(BIN)/python -m dgtkit.facilitator certificates --roster "$(ROSTER)" \
	  --out _build/certificates $(if $(START),--start $(START)) --workshop $(abspath $(WORKSHOP))

# The graded course: nbgrader's course directory is exercises/, and every nbgrader command runs
# there with the course's nbgrader_config.py. The instructor guide (book/instructor-guide.md)
# explains the whole workflow.
COURSE := exercises

assignments: $(STAMP)
	cd $(COURSE) && $(CURDIR)/$(BIN)/nbgrader generate_assignment "*" --force

validate: assignments
	cd $(COURSE) && $(CURDIR)/$(BIN)/python -m dgtkit.instructor.validate

autograde: $(STAMP) $(if $(UNSAFE),,bubblewrap)
	cd $(COURSE) && $(CURDIR)/$(BIN)/python -m dgtkit.instructor.autograde $(if $(FORCE),--force) \
	  $(if $(WORKERS),--workers $(WORKERS)) $(if $(UNSAFE),--no-sandbox)

# Each autograded item's difficulty and discrimination, and the pre/post test's questions,
# with the items to review (autograde prints it at the end too).
items: $(STAMP)
	cd $(COURSE) && $(CURDIR)/$(BIN)/python -m dgtkit.instructor.items

similarity: $(STAMP)
	cd $(COURSE) && $(CURDIR)/$(BIN)/python -m dgtkit.instructor.similarity

formgrader: $(STAMP)
	cd $(COURSE) && $(CURDIR)/$(BIN)/jupyter lab --no-browser --ip=$(HOST) --port=$(LAB_PORT) \
	  $(ROOT_FLAG) --ServerApp.default_url=/formgrader

feedback: $(STAMP)
	cd $(COURSE) && $(CURDIR)/$(BIN)/nbgrader generate_feedback "*" --force

grades: $(STAMP)
	cd $(COURSE) && $(CURDIR)/$(BIN)/nbgrader export --to grades.csv
	@echo "Grades exported to $(COURSE)/grades.csv"

# Where the course lives: one value in _config.yml, copied into the notebooks' Colab cells.
repository: $(STAMP)
	@test -n "$(URL)" || { echo "Usage: make repository URL=https://github.com/<owner>/<fork> [HUB=...]"; exit 2; }
	$(BIN)/python -m dgtkit.site.launch "$(URL)" $(if $(HUB),--hub "$(HUB)") $(if $(BRANCH),--branch "$(BRANCH)")

clean:
	rm -rf _build
