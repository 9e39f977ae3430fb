import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// electron-builder's own YAML reader and schema check, so the test reads the file exactly as packaging does.
const yaml = require('js-yaml') as { load: (text: string) => unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: (config: unknown, debugLogger: { warn: (message: string) => void }) => Promise<void>;
};

const config = yaml.load(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as {
  mac?: { extendInfo?: Record<string, unknown> };
  asarUnpack?: string[];
};

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
});
