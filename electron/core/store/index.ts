/**
 * The JSON document store: one file per document under the data directory, written atomically
 * through conf, validated with zod, upgraded by numbered migrations, recovered from damage.
 */
export { Store, type StoreOptions, TRASH_DIR } from './store';
export { StoredDocument, type LoadOptions, type NoticeSink, lastGoodPath } from './document';
export { type DocumentSpec, type Migration, currentVersion } from './envelope';
export { DataDirInUseError, LOCK_FILE, type LockHolder } from './lock';
