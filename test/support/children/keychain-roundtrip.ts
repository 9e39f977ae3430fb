// Child process for keychain tests: runs the real secret store in whatever session it was started in
// and prints one JSON line with what happened.
import { openSecretStore } from '../../../electron/core/credentials/secret-store';
import { createLogger } from '../../../electron/core/log';

const account = process.argv[2] ?? 'profile-test';
const secret = process.argv[3] ?? 'not-a-real-secret';
const store = await openSecretStore(createLogger());
await store.set(account, secret);
const readBack = await store.get(account);
const keep = process.argv[4] === 'keep';
const deleted = keep ? false : await store.delete(account);
const afterDelete = keep ? readBack : await store.get(account);
process.stdout.write(`${JSON.stringify({ mode: store.mode, reason: store.reason ?? null, readBack, deleted, afterDelete })}\n`);
