# The README's commands. `make app`, `make demo` and `make test` each set everything up on a fresh machine first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_CAMPAIGN := corpora/demo/campaigns/$(shell ls corpora/demo/campaigns 2>/dev/null | head -1)

.PHONY: install app demo test lint format bench eval clean

install: $(VENV)/.installed

# torch first, pinned: the CPU build; an unpinned torch would pull several GB of CUDA packages.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e ".[app,dev,scale]"
	HF_HUB_OFFLINE=1 $(BIN)/python -m msgcheck.embed.onnx   # the ONNX export of the bundled MiniLM (models/minilm-onnx.v1)
	HF_HUB_OFFLINE=1 $(BIN)/python -m msgcheck.judge.crossonnx   # the shipped cross-encoders' exports (models/*/onnx)
	touch $@

# The app (streamlit run app.py); ARGS passes Streamlit options, e.g. ARGS="--server.port 8502".
app: install msgcheck.db
	HF_HUB_OFFLINE=1 $(BIN)/streamlit run app.py $(ARGS)

# The demo workspace, built once at set-up time (about a minute: the models check the demo calls), so the
# app's first page shows findings in seconds (benchmarks/first_page.py). An existing workspace is left as is.
msgcheck.db: | $(VENV)/.installed
	HF_HUB_OFFLINE=1 $(BIN)/msgcheck workspace init --demo --workspace $@

demo: install
	HF_HUB_OFFLINE=1 $(BIN)/msgcheck check --assets $(DEMO_CAMPAIGN) corpora/demo/calls/*

test: install
	HF_HUB_OFFLINE=1 $(BIN)/pytest -q --durations=15

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

eval: install
	HF_HUB_OFFLINE=1 $(BIN)/msgcheck eval corpora/dev

bench: install
	HF_HUB_OFFLINE=1 $(BIN)/python benchmarks/latency.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
