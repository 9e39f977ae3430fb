import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// electron-builder's own YAML reader and schema check, so the test reads the file exactly as packaging does.
const yaml = require('js-yaml') as { load: (text: string) => unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: (config: unknown, debugLogger: { warn: (message: string) => void }) => Promise<void>;
};

interface Target {
  target: string;
  arch?: string[];
}
const config = yaml.load(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as {
  mac?: { extendInfo?: Record<string, unknown>; target?: Target[]; hardenedRuntime?: boolean; entitlements?: string; entitlementsInherit?: string; icon?: string };
  win?: { target?: string[]; icon?: string };
  nsis?: { artifactName?: string };
  portable?: { artifactName?: string };
  linux?: { target?: string[]; maintainer?: string; icon?: string };
  extraMetadata?: { homepage?: string; author?: { email?: string } };
  directories?: { buildResources?: string };
  asarUnpack?: string[];
};
const resource = (name: string): string => `${config.directories?.buildResources ?? 'build'}/${name}`;

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s schema', async () => {
    await expect(validateConfiguration(config, { warn: () => undefined })).resolves.toBeUndefined();
  });

  it('asks macOS for local-network access with a sentence, or the sweep and PnP listener fail silently on macOS 15+', () => {
    const sentence = config.mac?.extendInfo?.NSLocalNetworkUsageDescription;
    expect(typeof sentence).toBe('string');
    expect(sentence).toMatch(/local network/);
  });

  it('keeps native modules out of the asar archive', () => {
    expect(config.asarUnpack).toContain('**/node_modules/{serialport,@serialport,@napi-rs}/**');
  });

  it('builds NSIS and portable installers for Windows under different names', () => {
    expect(config.win?.target).toEqual(['nsis', 'portable']);
    expect(config.nsis?.artifactName).not.toBe(config.portable?.artifactName);
  });

  it('builds a dmg for Intel and Apple silicon with the hardened runtime and an entitlements file that exists', () => {
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.entitlementsInherit).toBe(config.mac?.entitlements);
    const plist = readFileSync(config.mac?.entitlements ?? 'missing', 'utf8');
    expect(plist).toContain('<key>com.apple.security.cs.allow-jit</key>');
  });

  it('builds an AppImage and a deb, with the homepage and maintainer e-mail a deb requires', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.extraMetadata?.homepage).toMatch(/^https:\/\//);
    expect(config.linux?.maintainer).toMatch(/^[^<]+ <[^@\s]+@[^>\s]+>$/);
  });

  it('has every icon it names, generated from the SVG source', () => {
    for (const file of ['icon.svg', config.win?.icon, config.mac?.icon, `${config.linux?.icon}/256x256.png`, `${config.linux?.icon}/1024x1024.png`]) {
      expect(existsSync(resource(String(file))), String(file)).toBe(true);
    }
  });
});
