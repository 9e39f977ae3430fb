import { z } from 'zod';

/**
 * What the app knows about one PBX, as cached for offline work: the auto-provisioning options,
 * the extensions and the phones already on it, with when each was fetched. The grid validates
 * against it, the pickers offer from it, and the sync pre-flight refreshes it.
 */
export const pbxSnapshotSchema = z.object({
  /** Auto-provisioning options: only these vendor/model/template/method combinations are valid. */
  compatibility: z.object({
    vendors: z.array(
      z.object({
        /** The `value` sent to the API (e.g. `Yealink`, `Ale`). */
        value: z.string(),
        /** The name shown to people (e.g. `Alcatel-Lucent Enterprise`). */
        text: z.string(),
        models: z.array(
          z.object({
            value: z.string(),
            text: z.string(),
            templates: z.array(z.string()),
            /** Methods this model accepts on this PBX (Cloud Edition: only `rps`). */
            methods: z.array(z.string()),
          }),
        ),
      }),
    ),
    fetchedAt: z.string().nullable(),
  }),
  extensions: z.object({
    items: z.array(z.object({ id: z.number().int(), number: z.string(), name: z.string() })),
    fetchedAt: z.string().nullable(),
  }),
  phones: z.object({
    items: z.array(
      z.object({
        id: z.number().int(),
        /** Canonical MAC (`80:5e:c0:12:34:56`). */
        mac: z.string(),
        vendor: z.string(),
        model: z.string(),
        template: z.string(),
        /** Extension number, or null when the PBX says `Unassigned`. */
        extension: z.string().nullable(),
        /** `Registered` / `Unregistered` as the PBX reports it. */
        status: z.string(),
      }),
    ),
    fetchedAt: z.string().nullable(),
  }),
});

/** One PBX's cached state. */
export type PbxSnapshot = z.infer<typeof pbxSnapshotSchema>;

/** A PBX allows at most this many phones on one extension. */
export const MAX_PHONES_PER_EXTENSION = 5;

/** A snapshot with nothing fetched yet. */
export function emptySnapshot(): PbxSnapshot {
  return {
    compatibility: { vendors: [], fetchedAt: null },
    extensions: { items: [], fetchedAt: null },
    phones: { items: [], fetchedAt: null },
  };
}
