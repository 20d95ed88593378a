#!/usr/bin/env bash
# Executes notebooks headless with the tslab (TypeScript) kernel and exits
# non-zero on the first cell error. Builds dist/ and links the package for
# `import … from "toolforge"` first (set SKIP_BUILD=1 to skip that).
# Prerequisites: bash scripts/ci-setup.sh (Jupyter, tslab kernel).
# Usage: scripts/run-notebooks.sh [path/to/notebook.ipynb ...]   (default: notebooks/*.ipynb)
# Executed copies go to $NOTEBOOK_OUTPUT_DIR (default: a new temp dir).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# Debian's Jupyter lives under /usr/bin; another python3 first on PATH may lack it.
jupyter=/usr/bin/jupyter
[[ -x "$jupyter" ]] || jupyter="$(command -v jupyter || true)"
kernels="$root/tools/notebooks/.jupyter/share/jupyter"
if [[ -z "$jupyter" || ! -f "$kernels/kernels/tslab/kernel.json" ]]; then
  echo "run-notebooks: Jupyter or the tslab kernel is missing; run: bash scripts/ci-setup.sh" >&2
  exit 2
fi
export JUPYTER_PATH="$kernels${JUPYTER_PATH:+:$JUPYTER_PATH}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # Type errors are the typecheck's job; tsc still emits dist/ with them.
  node node_modules/typescript/bin/tsc -p tsconfig.build.json || echo "run-notebooks: tsc reported errors; continuing with the emitted dist/" >&2
  node scripts/link-toolforge.mjs
fi

out="${NOTEBOOK_OUTPUT_DIR:-$(mktemp -d -t toolforge-notebooks-XXXXXX)}"
mkdir -p "$out"
if [[ $# -eq 0 ]]; then set -- notebooks/*.ipynb; fi
execute() {
  "$jupyter" nbconvert --to notebook --execute \
    --ExecutePreprocessor.kernel_name=tslab --ExecutePreprocessor.timeout=600 \
    --output-dir "$out" "$@"
}
for notebook in "$@"; do
  echo "run-notebooks: executing $notebook"
  if ! execute "$notebook"; then
    # tslab puts a cell's error on its stderr stream, which nbconvert does not
    # print: run once more keeping outputs, and show every cell's stderr.
    execute --allow-errors "$notebook" > /dev/null 2>&1 || true
    /usr/bin/python3 - "$out/$(basename "$notebook")" >&2 <<'PY' || true
import json, sys
cells = json.load(open(sys.argv[1]))["cells"]
for i, cell in enumerate(cells):
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error" or o.get("name") == "stderr":
            text = "".join(o.get("text", [])) or f"{o.get('ename')}: {o.get('evalue')}"
            print(f"--- cell {i} ---\n" + "".join(cell["source"])[:300] + "\n>>> " + text[:3000])
PY
    echo "run-notebooks: $notebook failed (cell errors above)" >&2
    exit 1
  fi
done
echo "run-notebooks: all notebooks ran without a cell error (executed copies in $out)"
