import type { PbxSnapshot } from '../../../shared/domain/pbx-snapshot';
import { type PbxClient, toPhoneOnPbx } from '../pbx';

/** Which part a refresh is fetching, and how far it is (`total` null while unknown). */
export interface RefreshProgress {
  readonly phase: 'compatibility' | 'extensions' | 'phones' | 'done';
  readonly done: number;
  readonly total: number | null;
}

/** Where a refresh puts each part as soon as it has it, so a failure half-way keeps what was fetched. */
export interface RefreshSink {
  compatibility(part: PbxSnapshot['compatibility']): void;
  extensions(part: PbxSnapshot['extensions']): void;
  phones(part: PbxSnapshot['phones']): void;
  progress(progress: RefreshProgress): void;
}

/**
 * Reads everything the offline cache holds from the PBX: the compatibility options of every vendor (vendors, then
 * each vendor's models, then each model's templates and methods: one request at a time, as the PBX wants),
 * then all extensions, then all phones. Each part is handed to the sink with its own fetch time.
 */
export async function fetchSnapshot(client: PbxClient, sink: RefreshSink, now: () => Date): Promise<void> {
  sink.progress({ phase: 'compatibility', done: 0, total: null });
  const vendors = await client.getCompatibility({
    // Every model would flood the UI on a big PBX: about 20 updates are plenty for a progress bar.
    onProgress: (done, total) => {
      if (done === 0 || done === total || done % Math.max(1, Math.ceil(total / 20)) === 0) sink.progress({ phase: 'compatibility', done, total });
    },
  });
  sink.compatibility({ vendors, fetchedAt: now().toISOString() });

  sink.progress({ phase: 'extensions', done: 0, total: null });
  const extensions = await client.listExtensions();
  sink.extensions({ items: extensions, fetchedAt: now().toISOString() });
  sink.progress({ phase: 'extensions', done: extensions.length, total: extensions.length });

  sink.progress({ phase: 'phones', done: 0, total: null });
  const phones = (await client.listPhones()).map(toPhoneOnPbx);
  sink.phones({ items: phones, fetchedAt: now().toISOString() });
  sink.progress({ phase: 'done', done: phones.length, total: phones.length });
}
