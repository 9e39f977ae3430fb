/**
 * `npm run package:check [-- --out DIR] [-- --skip-build]`: packages the app with electron-builder exactly as a
 * release does (`--linux dir` from electron-builder.yml), but offline: Electron's binary is replaced by a stand-in
 * (a script carrying Electron's fuse wire, so the fuse flipping is real), and the build runs under `unshare -n`
 * where possible. Then it inspects the result (electron/tools/package-inspect.ts) and exits 1 on any problem.
 * Prints one JSON summary on the last line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SENTINEL } from '@electron/fuses/dist/constants';
import { type FuseKey, inspectPackage } from './package-inspect';
import { offline } from './offline';

interface BuilderConfig {
  electronFuses?: Partial<Record<FuseKey, boolean>>;
  linux?: { executableName?: string };
}

const root = process.cwd();
const require = createRequire(import.meta.url);
// electron-builder's own YAML reader, so the file is read exactly as packaging reads it.
const yaml = require('js-yaml') as { load: (text: string) => unknown };

/**
 * A stand-in for Electron's binary: a script that says what it is, followed by Electron's fuse wire in its
 * default states (RunAsNode, NODE_OPTIONS, inspect and file:// privileges on; the rest off), so
 * electron-builder's fuse step has something real to flip and the result can be read back.
 */
function writeStandInElectron(dir: string): void {
  const script = Buffer.from('#!/bin/sh\necho "stand-in for the Electron binary (npm run package:check): it cannot run the app" >&2\nexit 1\n# ');
  const wire = Buffer.concat([Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, 8]), Buffer.from('10110001', 'ascii'), Buffer.from('\n')]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([script, wire]), { mode: 0o755 });
}

const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist/check' }, 'skip-build': { type: 'boolean', default: false } }, strict: true });
const started = Date.now();
const out = resolve(root, values.out);
if (!values['skip-build']) {
  const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const dist = mkdtempSync(join(tmpdir(), 'onsite-electron-dist-'));
try {
  writeStandInElectron(dist);
  rmSync(out, { recursive: true, force: true });
  const run = offline(join(root, 'node_modules/.bin/electron-builder'), ['--linux', 'dir', '--config', 'electron-builder.yml', `-c.electronDist=${dist}`, `-c.directories.output=${out}`]);
  const builder = spawnSync(run.command, run.args, { encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  if (builder.status !== 0) {
    console.error(`${builder.stdout}${builder.stderr}\nelectron-builder failed (exit ${String(builder.status)})`);
    process.exit(1);
  }
  const appDir = join(out, 'linux-unpacked');
  const dependencies = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {});
  const report = await inspectPackage({
    appDir,
    executable: join(appDir, config.linux?.executableName ?? 'onsite-provisioner'),
    fuses: config.electronFuses ?? {},
    dependencies,
  });
  for (const problem of report.problems) console.error(`PROBLEM ${problem}`);
  console.log(
    JSON.stringify({
      appDir,
      isolated: run.isolated,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      asarEntries: report.asarEntries,
      main: report.main,
      runtimeImports: report.runtimeImports,
      unpackedNative: report.unpackedNative.length,
      fuses: report.fuses,
      problems: report.problems.length,
    }),
  );
  process.exitCode = report.problems.length === 0 ? 0 : 1;
} finally {
  rmSync(dist, { recursive: true, force: true });
}
