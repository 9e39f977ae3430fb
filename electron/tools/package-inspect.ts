/**
 * Checks an unpacked app folder made by electron-builder (`dist/linux-unpacked` and the like): the app is
 * inside `resources/app.asar`, `main` points into it, every package the main bundle loads at run time is
 * packed, native modules are unpacked next to the archive, and the Electron fuses are flipped as configured.
 * Used by `npm run package:check` and its test.
 */
import { existsSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

/** electron-builder's `electronFuses` keys, by their place in Electron's fuse wire. */
const FUSE_KEYS = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
} as const;

/** An `electronFuses` key. */
export type FuseKey = keyof typeof FUSE_KEYS;

// Fuse states as bytes in the binary ('0', '1').
const FUSE_ON = 0x31;
const FUSE_OFF = 0x30;

/** Native dependencies, by the package.json dependency that brings them and where their binaries land. */
const NATIVE_PACKAGES: Readonly<Record<string, string>> = {
  '@napi-rs/keyring': '/node_modules/@napi-rs/',
  serialport: '/node_modules/@serialport/bindings-cpp/',
};

/** What {@link inspectPackage} needs to know. */
export interface InspectOptions {
  /** The unpacked app folder, e.g. `dist/linux-unpacked`. */
  readonly appDir: string;
  /** The app's executable inside it, whose fuses are read. */
  readonly executable: string;
  /** The fuses as electron-builder.yml sets them. */
  readonly fuses: Partial<Record<FuseKey, boolean>>;
  /** The project's package.json dependencies (which native modules to expect). */
  readonly dependencies: readonly string[];
}

/** What was found, and every problem (empty when the package is sound). */
export interface PackageReport {
  readonly asarEntries: number;
  readonly main: string | null;
  readonly runtimeImports: readonly string[];
  readonly unpackedNative: readonly string[];
  readonly fuses: Readonly<Record<string, 'on' | 'off' | 'unknown'>>;
  readonly problems: readonly string[];
}

/** Package name of a bare import specifier (`@scope/name/sub` → `@scope/name`), or null for paths and builtins. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || isBuiltin(specifier) || specifier === 'electron') return null;
  const match = /^(@[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*|[a-z0-9][\w.-]*)(?:\/|$)/i.exec(specifier);
  return match?.[1] ?? null;
}

/** Packages a built main-process bundle loads at run time: static imports, `import()`, `require()` and `require.resolve()`. */
export function runtimeImportsOf(code: string): string[] {
  const specifiers = [
    ...code.matchAll(/^\s*import\s[^;]*?\bfrom\s*["']([^"']+)["']/gm),
    ...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ...code.matchAll(/\brequire(?:\.resolve)?\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1] ?? '');
  return [...new Set(specifiers.map(packageOf).filter((p): p is string => p !== null))].sort();
}

/** Inspects an unpacked app folder; see {@link PackageReport}. */
export async function inspectPackage(options: InspectOptions): Promise<PackageReport> {
  const problems: string[] = [];
  const resources = join(options.appDir, 'resources');
  const archive = join(resources, 'app.asar');
  if (!existsSync(archive)) return { asarEntries: 0, main: null, runtimeImports: [], unpackedNative: [], fuses: {}, problems: [`${archive} is missing`] };
  const entries = listPackage(archive, { isPack: false });
  const has = new Set(entries);

  const manifest = JSON.parse(extractFile(archive, 'package.json').toString('utf8')) as { main?: unknown };
  const main = typeof manifest.main === 'string' ? `/${manifest.main.replace(/^\.?\//, '')}` : null;
  if (!main || !has.has(main)) problems.push(`package.json "main" (${String(manifest.main)}) is not a file inside app.asar`);
  for (const file of ['/out/renderer/index.html', '/out/preload/index.cjs']) if (!has.has(file)) problems.push(`${file} is not inside app.asar`);
  for (const file of entries.filter((e) => e.startsWith('/out/') && e.endsWith('.map'))) problems.push(`source map packed: ${file}`);

  // Every package the main bundle loads must be packed, or the app dies at start with "Cannot find package".
  const mainCode = entries.filter((e) => e.startsWith('/out/main/') && /\.[cm]?js$/.test(e)).map((e) => extractFile(archive, e.slice(1)).toString('utf8'));
  const runtimeImports = [...new Set(mainCode.flatMap(runtimeImportsOf))].sort();
  for (const name of runtimeImports) {
    if (!has.has(`/node_modules/${name}/package.json`)) problems.push(`out/main loads "${name}", which is not packed (check the files exclusions in electron-builder.yml)`);
  }

  // Native binaries cannot be loaded from inside the archive: each must be unpacked beside it.
  const nativeFiles = entries.filter((e) => e.endsWith('.node'));
  const unpackedNative: string[] = [];
  for (const file of nativeFiles) {
    const entry = statFile(archive, file.slice(1));
    if ('unpacked' in entry && entry.unpacked && existsSync(join(resources, 'app.asar.unpacked', file))) unpackedNative.push(file);
    else problems.push(`native module not unpacked beside app.asar: ${file}`);
  }
  for (const [dependency, prefix] of Object.entries(NATIVE_PACKAGES)) {
    if (options.dependencies.includes(dependency) && !unpackedNative.some((f) => f.startsWith(prefix))) {
      problems.push(`no unpacked native binary for ${dependency} under app.asar.unpacked${prefix}`);
    }
  }

  const fuses: Record<string, 'on' | 'off' | 'unknown'> = {};
  try {
    const wire = (await getCurrentFuseWire(options.executable)) as unknown as Record<number, number | undefined>;
    for (const [key, index] of Object.entries(FUSE_KEYS) as Array<[FuseKey, number]>) {
      const byte = wire[index];
      fuses[key] = byte === FUSE_ON ? 'on' : byte === FUSE_OFF ? 'off' : 'unknown';
      const wanted = options.fuses[key];
      if (wanted !== undefined && fuses[key] !== (wanted ? 'on' : 'off')) problems.push(`fuse ${key} is ${fuses[key]}, electron-builder.yml wants ${wanted ? 'on' : 'off'}`);
    }
  } catch (error) {
    problems.push(`could not read the fuses of ${options.executable}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { asarEntries: entries.length, main, runtimeImports, unpackedNative, fuses, problems };
}
