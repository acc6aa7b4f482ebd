# FieldApp: `make run` opens the demo, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean venv screenshot dist smoke-dist

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) tools/check_python.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create a virtual environment. On Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

# the display is checked before anything is installed: without a screen the answer comes at once
run:
	@$(PYTHON) tools/check_display.py
	@$(MAKE) --no-print-directory $(STAMP)
	$(VENV)/bin/fieldapp --demo

lint: $(STAMP)
	$(VENV)/bin/ruff check fieldapp drivers ui tests bench tools
	$(VENV)/bin/mypy fieldapp drivers
	$(VENV)/bin/lint-imports

# one worker per core, a test file per worker at a time (module fixtures are built once);
# PYTEST_WORKERS=0 runs them in this process
PYTEST_WORKERS ?= auto
test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n $(PYTEST_WORKERS) --dist loadfile

bench: $(STAMP)
	$(PY) -m bench

screenshot: $(STAMP)
	xvfb-run -a -s "-screen 0 1366x768x24" $(PY) tools/screenshot.py docs/main-window.png
	xvfb-run -a -s "-screen 0 1366x768x24" $(PY) tools/screenshots.py docs/
	xvfb-run -a -s "-screen 0 1366x768x24" $(PY) tools/shipment_screenshot.py docs/shipment-view-nl.png
	xvfb-run -a -s "-screen 0 1366x768x24" $(PY) tools/project_screenshot.py docs/project-dialog.png
	xvfb-run -a -s "-screen 0 1366x768x24" $(PY) tools/check_screenshot.py docs/check-view.png

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .pytest_cache .ruff_cache

# the PyInstaller tools, beside the development ones (a separate stamp, so that
# `make venv` does not download them for a developer who never builds)
$(VENV)/.installed-dist: $(STAMP)
	$(PY) -m pip install -q -e '.[dev,dist]'
	@touch $@

# one folder that runs without Python: dist/fieldapp/fieldapp (packaging/fieldapp.spec)
dist: $(VENV)/.installed-dist
	@rm -rf dist/fieldapp
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
	  packaging/fieldapp.spec || { echo "make dist: the PyInstaller build failed (see above)" >&2; exit 1; }
	@test -x dist/fieldapp/fieldapp || { echo "make dist: no dist/fieldapp/fieldapp after the build" >&2; exit 1; }
	@du -sh dist/fieldapp

# the built folder, copied outside the checkout and run without the virtual environment
# (tests/frozen: pytest does not look into folders named dist or build)
# (`make test` runs the same tests when the build exists)
smoke-dist: $(STAMP)
	FIELDAPP_REQUIRE_DIST=1 $(PY) -m pytest -q tests/frozen
