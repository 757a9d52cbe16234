/**
 * The npm package as users get it: what `npm pack` puts in the tarball (from a fresh build only),
 * what the README's by-hand install puts into n8n's nodes folder, and README links that work on npm.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { REPO, repoPath } from '../../tools/repository';

const run = promisify(execFile);
const pkg = JSON.parse(fs.readFileSync(repoPath('package.json'), 'utf8')) as {
	name: string;
	version: string;
	repository: { url: string };
	n8n: { nodes: string[]; credentials: string[] };
};
/** What the package ships: n8n's entry points and what they load, their codex files and icons. */
const SHIPPED = [/^dist\/.+\.js$/, /^dist\/nodes\/[^/]+\/[^/]+\.node\.json$/, /^dist\/icons\/[^/]+\.svg$/, /^package\.json$/, /^README\.md$/, /^LICENSE$/];

let scratch: string;

beforeAll(() => {
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-package-test-'));
});

afterAll(() => {
	fs.rmSync(scratch, { recursive: true, force: true });
});

/** Packs `folder` into `destination` (with its prepack script unless told not to); the tarball's file list. */
async function pack(folder: string, destination: string, ignoreScripts: boolean): Promise<{ tarball: string; files: string[] }> {
	fs.mkdirSync(destination, { recursive: true });
	await run('npm', ['pack', '--pack-destination', destination, ...(ignoreScripts ? ['--ignore-scripts'] : [])], {
		cwd: folder,
		maxBuffer: 16 * 1024 * 1024,
	});
	const tarball = path.join(destination, `${pkg.name}-${pkg.version}.tgz`);
	const { stdout } = await run('tar', ['-tzf', tarball]);
	const files = stdout
		.split('\n')
		.filter((line) => line && !line.endsWith('/'))
		.map((line) => line.replace(/^package\//, ''))
		.sort();
	return { tarball, files };
}

function expectOnlyWhatUsersNeed(files: string[]) {
	expect(files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file)))).toEqual([]);
	for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
	for (const node of pkg.n8n.nodes) expect(files).toContain(node.replace(/\.js$/, '.json'));
	const icons = fs.readdirSync(repoPath('icons')).filter((file) => file.endsWith('.svg')).map((file) => `dist/icons/${file}`).sort();
	expect(files.filter((file) => file.startsWith('dist/icons/'))).toEqual(icons);
	// Build info, type declarations and source maps (which point at TypeScript that is not shipped) stay out.
	expect(files.filter((file) => /\.tsbuildinfo$|\.d\.ts$|\.map$/.test(file))).toEqual([]);
}

test('the tarball holds only dist JavaScript, codex JSON, icons, package.json, README and LICENSE', async () => {
	// `npm test` has just built dist/; the prepack build is the next test's subject.
	const { files } = await pack(REPO, path.join(scratch, 'built'), true);
	expectOnlyWhatUsersNeed(files);
});

test('npm pack on a clone that was never built builds first: no tarball without dist/', async () => {
	const clone = path.join(scratch, 'clone');
	// The repository's files as a fresh clone has them (and what is not committed yet), with its installed node_modules.
	const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPO, maxBuffer: 64 * 1024 * 1024 });
	for (const file of stdout.split('\0').filter(Boolean)) {
		if (!fs.existsSync(path.join(REPO, file))) continue;
		fs.mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
		fs.copyFileSync(path.join(REPO, file), path.join(clone, file));
	}
	fs.symlinkSync(repoPath('node_modules'), path.join(clone, 'node_modules'), 'dir');
	expect(fs.existsSync(path.join(clone, 'dist'))).toBe(false);
	// A stale file from an older build is not shipped either: prepack builds from scratch.
	fs.mkdirSync(path.join(clone, 'dist/nodes/RingCentralRetired'), { recursive: true });
	fs.writeFileSync(path.join(clone, 'dist/nodes/RingCentralRetired/RingCentralRetired.node.js'), '');
	const { files } = await pack(clone, path.join(scratch, 'from-clone'), false);
	expectOnlyWhatUsersNeed(files);
	expect(files).not.toContain('dist/nodes/RingCentralRetired/RingCentralRetired.node.js');
}, 300_000);

/** The by-hand install command of the README's "Install in n8n" section. */
function readmeInstallCommand(): string {
	const readme = fs.readFileSync(repoPath('README.md'), 'utf8');
	const section = readme.slice(readme.indexOf('## Install in n8n'), readme.indexOf('\n## ', readme.indexOf('## Install in n8n') + 1));
	const command = /`(npm install [^`]*n8n-nodes-ringcentral[^`]*)`/.exec(section)?.[1];
	if (!command) throw new Error('no `npm install … n8n-nodes-ringcentral` in the README\'s "Install in n8n" section');
	return command;
}

test('the README\'s by-hand install puts what n8n\'s own installer puts into ~/.n8n/nodes: this package, without n8n-workflow', async () => {
	const command = readmeInstallCommand();
	// n8n 2.41.1 installs a community package with `npm install --ignore-scripts=true … ` after removing
	// its peer dependencies: the README's command must not install peers (n8n-workflow and its 140 MB) either.
	expect(command).toMatch(/--legacy-peer-deps/);
	expect(command).toMatch(/--ignore-scripts/);
	const { tarball } = await pack(REPO, path.join(scratch, 'for-install'), true);
	const nodes = path.join(scratch, 'dot-n8n', 'nodes');
	fs.mkdirSync(nodes, { recursive: true });
	// What n8n leaves in the folder once it has installed a community package.
	fs.writeFileSync(path.join(nodes, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }));
	const args = command.split(/\s+/).slice(1).map((arg) => (arg === pkg.name ? tarball : arg));
	await run('npm', [...args, '--offline'], { cwd: nodes });
	expect(fs.readdirSync(path.join(nodes, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual([pkg.name]);
	const installed = JSON.parse(fs.readFileSync(path.join(nodes, 'node_modules', pkg.name, 'package.json'), 'utf8')) as typeof pkg;
	expect(installed.n8n).toEqual(pkg.n8n);
	for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(fs.existsSync(path.join(nodes, 'node_modules', pkg.name, entry))).toBe(true);
}, 120_000);

test('README links work on npm too: absolute, and those into this repository name files that exist', () => {
	const readme = fs.readFileSync(repoPath('README.md'), 'utf8');
	const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
	expect(links.length).toBeGreaterThan(0);
	expect(links.filter((link) => !/^https?:\/\//.test(link) && !link.startsWith('#'))).toEqual([]);
	const repository = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
	const own = links.filter((link) => link.startsWith(`${repository}/`));
	expect(own.length).toBeGreaterThan(0);
	for (const link of own) {
		const file = /^\/(?:blob|tree)\/main\/(.+)$/.exec(link.slice(repository.length))?.[1];
		expect({ link, exists: file !== undefined && fs.existsSync(repoPath(decodeURIComponent(file))) }).toEqual({ link, exists: true });
	}
});

test('README pictures show on npm too: raw GitHub URLs of the main branch, each a committed file of docs/images (and every file there is shown)', () => {
	const readme = fs.readFileSync(repoPath('README.md'), 'utf8');
	const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]);
	const raw = `${pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '').replace(/^https:\/\/github\.com\//, 'https://raw.githubusercontent.com/')}/main/`;
	expect(raw).toMatch(/^https:\/\/raw\.githubusercontent\.com\/[^/]+\/[^/]+\/main\/$/);
	expect(images.map((image) => path.basename(image)).sort()).toEqual(['node-panel.png', 'nodes.svg', 'output.png', 'workflow.png']);
	for (const image of images) {
		const file = image.startsWith(`${raw}docs/images/`) ? decodeURIComponent(image.slice(raw.length)) : undefined;
		expect({ image, exists: file !== undefined && fs.existsSync(repoPath(file)) }).toEqual({ image, exists: true });
	}
	expect(fs.readdirSync(repoPath('docs/images')).sort()).toEqual(images.map((image) => path.basename(image)).sort());
	const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	for (const image of images.filter((name) => name.endsWith('.png'))) {
		const bytes = fs.readFileSync(repoPath('docs/images', path.basename(image)));
		// Small enough for npm's page: a picture of a normal browser window, not a full-page capture.
		expect({ image, png: bytes.subarray(0, 8).equals(PNG), small: bytes.length <= 250 * 1024 }).toEqual({ image, png: true, small: true });
	}
});
