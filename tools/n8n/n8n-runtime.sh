#!/usr/bin/env bash
# The pinned real n8n and its Node, cached outside the repository (tools/n8n/runtime.ts does the work).
#
#   tools/n8n/n8n-runtime.sh ensure [version]   install when missing; stdout: N8N_RUNTIME=<cache dir>
#   tools/n8n/n8n-runtime.sh env [version]      `export` lines: PATH, NODE (and NODE24), N8N_BIN, quiet n8n settings
#
# version: 2.41.1 (the default) or 1.123.81 ("1" for short). RC_N8N_CACHE overrides the cache folder.
# Typical use:  tools/n8n/n8n-runtime.sh ensure >/dev/null && eval "$(tools/n8n/n8n-runtime.sh env)"
#               N8N_USER_FOLDER="$(mktemp -d)" "$NODE" "$N8N_BIN" start
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
compiled="$repo/build/tools/n8n/runtime.js"
if [ ! -f "$compiled" ] || [ "$repo/tools/n8n/runtime.ts" -nt "$compiled" ]; then
	(cd "$repo" && npx --no-install tsc -p tools/tsconfig.json) >&2
fi
exec node "$compiled" "$@"
