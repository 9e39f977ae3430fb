import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectPackage, runtimeImportsOf } from '../../electron/tools/package-inspect';
import { tempDir } from '../support/temp';

const dir = tempDir('onsite-package-');
const appDir = join(dir.path, 'linux-unpacked');
const executable = join(appDir, 'onsite-provisioner');
let run: { code: number | null; stdout: string; stderr: string };
let summary: { fuses: Record<string, string>; main: string; problems: number; runtimeImports: string[] };

beforeAll(async () => {
  // The real check, as CI and `npm run package:check` run it (the suite's global setup has built out/).
  run = await new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/tools/package-check.ts', '--skip-build', '--out', dir.path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
  summary = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as typeof summary;
}, 120_000);
afterAll(() => dir.cleanup());

describe('electron-builder --linux dir, offline, with a stand-in Electron (npm run package:check)', () => {
  it('produces an app folder with the app inside resources/app.asar and finds no problem', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(summary.problems).toBe(0);
    expect(existsSync(executable)).toBe(true);
    const entries = listPackage(join(appDir, 'resources/app.asar'), { isPack: false });
    expect(summary.main).toBe('/out/main/index.js');
    expect(entries).toContain('/out/main/index.js');
    expect(entries).toContain('/out/renderer/index.html');
    // The CLI's TypeScript runner and the renderer's React are not shipped in the desktop app.
    expect(entries.some((e) => e.startsWith('/node_modules/tsx/') || e.startsWith('/node_modules/react-dom/'))).toBe(false);
  });

  it('unpacks the keychain module\'s native binary beside the archive, where Electron can load it', () => {
    expect(summary.runtimeImports).toContain('@napi-rs/keyring');
    const keyring = join(appDir, 'resources/app.asar.unpacked/node_modules/@napi-rs');
    expect(existsSync(keyring)).toBe(true);
  });

  it('flips the fuses the release needs in the packaged binary', () => {
    expect(summary.fuses).toMatchObject({
      runAsNode: 'off',
      enableNodeOptionsEnvironmentVariable: 'off',
      enableNodeCliInspectArguments: 'off',
      onlyLoadAppFromAsar: 'on',
      enableEmbeddedAsarIntegrityValidation: 'on',
      enableCookieEncryption: 'on',
      grantFileProtocolExtraPrivileges: 'off',
    });
  });

  it('reports a fuse left as Electron ships it, and a native module that is not unpacked', async () => {
    const wantsRunAsNode = await inspectPackage({ appDir, executable, fuses: { runAsNode: true }, dependencies: [] });
    expect(wantsRunAsNode.problems).toEqual(['fuse runAsNode is off, electron-builder.yml wants on']);
    rmSync(join(appDir, 'resources/app.asar.unpacked/node_modules/@napi-rs'), { recursive: true });
    const broken = await inspectPackage({ appDir, executable, fuses: {}, dependencies: ['@napi-rs/keyring'] });
    expect(broken.problems.some((p) => p.startsWith('native module not unpacked beside app.asar: /node_modules/@napi-rs/'))).toBe(true);
    expect(broken.problems).toContain('no unpacked native binary for @napi-rs/keyring under app.asar.unpacked/node_modules/@napi-rs/');
  });
});

describe('runtimeImportsOf', () => {
  it('finds the packages a bundle loads, and not words in strings that look like imports', () => {
    const code = [
      'import { a } from "conf";',
      'import x, { y } from "@napi-rs/keyring";',
      'import "side-effect/register";',
      'import { readFileSync } from "node:fs";',
      'import { app } from "electron";',
      'import { join } from "path";',
      'const m = await import("serialport");',
      'const p = require.resolve("oui-data");',
      'const q = require("./local");',
      'const text = "moved from \\"outcome unknown\\" to sent";',
    ].join('\n');
    expect(runtimeImportsOf(code)).toEqual(['@napi-rs/keyring', 'conf', 'oui-data', 'serialport', 'side-effect']);
  });
});
