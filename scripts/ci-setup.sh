#!/usr/bin/env bash
# Installs what the tests beyond npm packages need on a fresh Debian machine, idempotently
# (safe to run again; it skips what is already there):
#   - PostgreSQL server binaries (Debian `postgresql`) for the Postgres checkpointer test;
#   - rsvg-convert (Debian `librsvg2-bin`), which the report test uses to rasterise the SVG;
#   - Jupyter's nbconvert + ipykernel (Debian packages, for /usr/bin/python3);
#   - tools/langgraph-dev: `langgraphjs dev` + @langchain/langgraph-sdk (own lockfile);
#   - tools/notebooks: the tslab kernel (own lockfile), registered under
#     tools/notebooks/.jupyter (no global kernel spec; scripts/run-notebooks.sh
#     points JUPYTER_PATH there).
# Run from anywhere after `npm ci` in the repository root; `npm test` runs it first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

sudo_cmd=()
if [[ "$(id -u)" != 0 ]]; then sudo_cmd=(sudo -n); fi

packages=()
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null; then packages+=(postgresql); fi
if ! command -v rsvg-convert > /dev/null; then packages+=(librsvg2-bin); fi
if ! /usr/bin/python3 -c "import nbconvert, ipykernel, jupyter_client" 2> /dev/null || [[ ! -x /usr/bin/jupyter-nbconvert ]]; then
  packages+=(jupyter-nbconvert python3-nbconvert jupyter-notebook jupyter-client python3-ipykernel)
fi
if ((${#packages[@]})); then
  if ((${#sudo_cmd[@]})) && ! sudo -n true 2> /dev/null; then
    echo "ci-setup: these Debian packages are missing and installing them needs root: ${packages[*]}" >&2
    echo "ci-setup: run \`sudo apt-get install ${packages[*]}\` once, or use \`npm run test:fast\` (it lists the suites it leaves out)" >&2
    exit 1
  fi
  echo "ci-setup: apt-get install ${packages[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi

# Install from the committed lockfile, only when it changed since the last
# install. `npm install` rather than `npm ci`: the registry mirror omits some
# other-platform optional packages from lockfiles, which `npm ci` rejects.
install_tool() {
  local dir="$root/tools/$1" stamp
  stamp="$dir/node_modules/.ci-setup-lock"
  if [[ -f "$stamp" ]] && cmp -s "$dir/package-lock.json" "$stamp"; then
    echo "ci-setup: tools/$1 is up to date"
    return
  fi
  echo "ci-setup: npm install in tools/$1"
  # npm install may rewrite the committed lockfile (e.g. to add this platform's
  # optional packages); a test run must not leave tracked files changed.
  cp "$dir/package-lock.json" "$dir/package-lock.json.ci-setup"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error) || { mv "$dir/package-lock.json.ci-setup" "$dir/package-lock.json"; exit 1; }
  mv "$dir/package-lock.json.ci-setup" "$dir/package-lock.json"
  cp "$dir/package-lock.json" "$stamp"
}
install_tool langgraph-dev
install_tool notebooks

# Register the tslab kernel (absolute paths: redo every time, it is cheap).
tslab="$root/tools/notebooks/node_modules/.bin/tslab"
"$tslab" install --python /usr/bin/python3 --binary "$tslab" --prefix "$root/tools/notebooks/.jupyter" > /dev/null
echo "ci-setup: tslab kernel registered under tools/notebooks/.jupyter"
echo "ci-setup: done"
