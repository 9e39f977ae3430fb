import { rmSync } from 'node:fs';
import { z } from 'zod';
import { pbxProfileIdSchema } from '../../../shared/contract';
import { type PbxSnapshot, emptySnapshot, pbxSnapshotSchema } from '../../../shared/domain/pbx-snapshot';
import type { EventHub } from '../events';
import { type DocumentSpec, type Store, type StoredDocument, lastGoodPath } from '../store';

/** Folder of the per-profile caches, relative to the data directory. */
export const CACHE_DIR = 'cache';

const cacheDocumentSchema = z.object({
  profileId: pbxProfileIdSchema,
  /** The address the data came from: a cache of another address (the profile was pointed elsewhere) is ignored. */
  baseUrl: z.string(),
  snapshot: pbxSnapshotSchema,
});

type CacheDocument = z.infer<typeof cacheDocumentSchema>;

/** How a profile's cache is stored: `cache/<profile id>.json`, compact JSON, with the store's recovery. */
export const cacheSpec: DocumentSpec<CacheDocument> = {
  kind: 'pbx-cache',
  schema: cacheDocumentSchema,
  migrations: [],
  title: 'A PBX cache file',
  describe: (doc) => `${doc.snapshot.extensions.items.length} extensions and ${doc.snapshot.phones.items.length} phones`,
};

/** When each part was fetched and how big it is (what the profile list and the event show). */
export interface CacheInfo {
  readonly compatibilityAt: string | null;
  readonly extensionsAt: string | null;
  readonly phonesAt: string | null;
  readonly vendorCount: number;
  readonly extensionCount: number;
  readonly phoneCount: number;
}

/** The facts of a snapshot for lists and events. */
export function cacheInfo(snapshot: PbxSnapshot): CacheInfo {
  return {
    compatibilityAt: snapshot.compatibility.fetchedAt,
    extensionsAt: snapshot.extensions.fetchedAt,
    phonesAt: snapshot.phones.fetchedAt,
    vendorCount: snapshot.compatibility.vendors.length,
    extensionCount: snapshot.extensions.items.length,
    phoneCount: snapshot.phones.items.length,
  };
}

/**
 * The offline cache: each profile's compatibility options, extensions and phones with when each was fetched,
 * one store document per profile, so the technician can plan and check a site without the PBX. Parts are
 * updated independently (a refresh that fails half-way keeps what it got).
 */
export class SnapshotCache {
  private readonly docs = new Map<string, StoredDocument<CacheDocument>>();

  constructor(
    private readonly store: Store,
    private readonly events: EventHub,
  ) {}

  /** The cached snapshot of a profile at `baseUrl` (empty when nothing was fetched from that address). */
  snapshot(profileId: string, baseUrl: string): PbxSnapshot {
    const doc = this.doc(profileId, baseUrl);
    return doc.value.baseUrl === baseUrl ? doc.value.snapshot : emptySnapshot();
  }

  /** Changes some parts of a profile's snapshot, saves it and announces it. */
  update(profileId: string, baseUrl: string, change: (snapshot: PbxSnapshot) => PbxSnapshot): PbxSnapshot {
    const doc = this.doc(profileId, baseUrl);
    const saved = doc.write({ profileId, baseUrl, snapshot: change(this.snapshot(profileId, baseUrl)) });
    this.events.emit('pbx:snapshot-updated', { profileId, ...cacheInfo(saved.snapshot) });
    return saved.snapshot;
  }

  /** Deletes a profile's cache (profile deleted, or pointed at another PBX). It is derived data: nothing is lost. */
  remove(profileId: string): void {
    this.docs.delete(profileId);
    const path = this.store.resolve(this.relPath(profileId));
    rmSync(path, { force: true });
    rmSync(lastGoodPath(path), { force: true });
  }

  private relPath(profileId: string): string {
    return `${CACHE_DIR}/${pbxProfileIdSchema.parse(profileId)}.json`;
  }

  private doc(profileId: string, baseUrl: string): StoredDocument<CacheDocument> {
    let doc = this.docs.get(profileId);
    if (!doc) {
      doc = this.store.open(this.relPath(profileId), cacheSpec, {
        initial: () => ({ profileId, baseUrl, snapshot: emptySnapshot() }),
        whenLost: 'The PBX data is fetched again with “Refresh from PBX”',
      });
      this.docs.set(profileId, doc);
    }
    return doc;
  }
}
