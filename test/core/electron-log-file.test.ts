import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/core/log';
import { electronLogSink } from '../../electron/main/log-file';
import { tempDir } from '../support/temp';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('the Electron shell\'s log file (core logger → electron-log\'s rotating file transport)', () => {
  it('writes redacted JSON lines to onsite.log (0600) and rotates it to onsite.old.log at the size limit', () => {
    const logs = join(dir.path, 'logs');
    const log = createLogger({ sink: electronLogSink(electronLog.create({ logId: 'onsite-test' }), logs, { maxBytes: 4096 }) });
    const clientSecret = 'Zq8-client-secret-value';
    const token = 'tok_3f9a0c1d2e3f4a5b6c7d';
    log.addSecret(clientSecret);
    log.addSecret(token);
    const pbx = log.scope('pbx');
    for (let i = 0; i < 60; i += 1) {
      pbx.info(`request ${i} with ${token}`, { url: `https://192.0.2.10:8088/openapi/v1.0/extension/list?access_token=${token}&page=${i}`, body: { username: 'id', password: clientSecret } });
    }
    pbx.error('failed', { error: new Error(`login refused for secret ${clientSecret}`) });

    const current = join(logs, 'onsite.log');
    const old = join(logs, 'onsite.old.log');
    expect(existsSync(old)).toBe(true);
    for (const file of [current, old]) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain(clientSecret);
      expect(text).not.toContain(token);
      expect(statSync(file).size).toBeLessThan(4096 + 1024);
      // Exactly the core's lines: electron-log adds no prefix of its own.
      for (const line of text.trim().split('\n')) expect(JSON.parse(line)).toMatchObject({ scope: 'pbx' });
    }
    const last = readFileSync(current, 'utf8').trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({ level: 'error', message: 'failed', data: { error: { message: 'login refused for secret [redacted]' } } });
  });
});
