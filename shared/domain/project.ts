import { z } from 'zod';

/** Where a row's MAC came from. Recorded per row and shown in the grid. */
export const ROW_SOURCES = ['typed', 'pasted', 'imported', 'scanned-wedge', 'scanned-serial', 'discovered'] as const;
/** A row source. */
export type RowSource = (typeof ROW_SOURCES)[number];

/**
 * A row's state on its way to the PBX: draft → queued → sending → on-pbx (confirmed by read-back),
 * or failed (with the PBX's reason in words), or conflict (e.g. MAC already on the PBX with another extension).
 */
export const ROW_STATES = ['draft', 'queued', 'sending', 'on-pbx', 'failed', 'conflict'] as const;
/** A row state. */
export type RowState = (typeof ROW_STATES)[number];

/** Provisioning methods `phone/batchcreate` accepts (Cloud Edition: `rps` only). */
export const PROVISIONING_METHODS = ['pnp', 'dhcp', 'rps', 'rps_fqdn'] as const;
/** A provisioning method. */
export type ProvisioningMethod = (typeof PROVISIONING_METHODS)[number];

/**
 * One planned phone: a grid row. Every field the technician edits is text as typed (MACs and extension
 * numbers are never numbers, so nothing can turn `0001E1` into `10`); validation happens separately.
 */
export const rowSchema = z.object({
  id: z.string().min(1),
  /** MAC as typed or scanned; stored canonical (`80:5e:c0:12:34:56`) once it parses. */
  mac: z.string(),
  vendor: z.string(),
  model: z.string(),
  template: z.string(),
  /** `''` until chosen. */
  method: z.union([z.enum(PROVISIONING_METHODS), z.literal('')]),
  /** "Authentication for first-time provisioning" (`enb_rps_auth`). */
  auth: z.boolean(),
  /** Extension number (not the PBX's internal id). */
  extension: z.string(),
  /**
   * The technician means this phone to share its extension with other phones (up to the PBX's limit of 5).
   * Without it, a second phone on the same extension is reported as a mistake. Defaults to false so rows
   * saved before the flag existed still load.
   */
  sharedExtension: z.boolean().default(false),
  /** Where the phone goes: desk, room, label. */
  location: z.string(),
  serial: z.string(),
  rpsPin: z.string(),
  source: z.enum(ROW_SOURCES),
  /** True once LAN discovery (ARP or PnP) has seen this MAC: a scanned MAC confirmed on the network. */
  seenOnNetwork: z.boolean(),
  status: z.enum(ROW_STATES),
  /** The last outcome in words (PBX reason, conflict detail); empty when there is nothing to say. */
  message: z.string(),
});

/** One planned phone. */
export type Row = z.infer<typeof rowSchema>;

/** A row with every field at its empty value; callers set `id` and what they know. */
export function emptyRow(id: string, source: RowSource = 'typed'): Row {
  return {
    id,
    mac: '',
    vendor: '',
    model: '',
    template: '',
    method: '',
    auth: false,
    extension: '',
    sharedExtension: false,
    location: '',
    serial: '',
    rpsPin: '',
    source,
    seenOnNetwork: false,
    status: 'draft',
    message: '',
  };
}

/** A site: one project per customer site, with its PBX profile and its rows. */
export const projectSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(200),
  /** The PBX profile this site syncs to; null until chosen. */
  pbxProfileId: z.string().nullable(),
  notes: z.string(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  rows: z.array(rowSchema),
});

/** A site project. */
export type Project = z.infer<typeof projectSchema>;

/** What project lists show without loading every row. */
export const projectSummarySchema = projectSchema.omit({ rows: true }).extend({ rowCount: z.number().int().nonnegative() });

/** A project without its rows. */
export type ProjectSummary = z.infer<typeof projectSummarySchema>;
