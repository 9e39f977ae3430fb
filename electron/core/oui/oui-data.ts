import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Path of the `oui-data` package's JSON (the IEEE MA-L, MA-M and MA-S registries, one object). */
export function ouiDataPath(): string {
  return require.resolve('oui-data');
}

/** Version of the installed `oui-data` package (its exports hide package.json, so it is read from disk). */
export function ouiDataVersion(): string {
  const manifest = JSON.parse(readFileSync(join(dirname(ouiDataPath()), 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

/**
 * Every IEEE assignment as prefix (6, 7 or 9 upper-case hex digits) → registrant name. The package stores
 * the name and postal address in one string; only the first line (the name) is kept, which also lets the
 * addresses be garbage-collected (about 22 MB of heap while parsing, much less afterwards).
 */
export function loadRegistrantNames(): Map<string, string> {
  const raw = JSON.parse(readFileSync(ouiDataPath(), 'utf8')) as Record<string, unknown>;
  const names = new Map<string, string>();
  for (const [prefix, value] of Object.entries(raw)) {
    if (typeof value !== 'string' || !/^(?:[0-9A-F]{6}|[0-9A-F]{7}|[0-9A-F]{9})$/.test(prefix)) continue;
    const name = value.split('\n', 1)[0]?.trim();
    if (name) names.set(prefix, name);
  }
  return names;
}
