import type { Row } from '../domain/project';

/** Every grid column, in display order. `extName` is derived from the PBX snapshot and never stored. */
export const COLUMN_KEYS = [
  'mac',
  'vendor',
  'model',
  'template',
  'method',
  'auth',
  'extension',
  'extName',
  'shared',
  'location',
  'serial',
  'rpsPin',
  'source',
  'status',
  'message',
] as const;

/** A grid column. */
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** How a column's cells are edited. */
export type ColumnKind = 'text' | 'bool' | 'pick';

/** The row fields the technician edits in the grid (one column each). */
export const EDITABLE_FIELDS = ['mac', 'vendor', 'model', 'template', 'method', 'auth', 'extension', 'sharedExtension', 'location', 'serial', 'rpsPin'] as const;

/** A row field a column edits. */
type EditableField = (typeof EDITABLE_FIELDS)[number];

/** What the grid needs to know about a column. */
export interface ColumnDef {
  readonly key: ColumnKey;
  /** Header text. */
  readonly label: string;
  /** A sentence for the header's tooltip. */
  readonly help: string;
  /** The row field behind the column; null for derived columns. */
  readonly field: EditableField | null;
  /** False for columns the technician cannot change (derived, or owned by the queue). */
  readonly editable: boolean;
  readonly kind: ColumnKind;
  /** Width in CSS pixels. */
  readonly width: number;
  /** Shown in a fixed-width font (identifiers people compare by eye). */
  readonly mono: boolean;
}

const col = (key: ColumnKey, label: string, help: string, field: EditableField | null, kind: ColumnKind, width: number, mono = false): ColumnDef => ({
  key,
  label,
  help,
  field,
  editable: field !== null,
  kind,
  width,
  mono,
});

/** The grid's columns in display order. */
export const COLUMNS: readonly ColumnDef[] = [
  col('mac', 'MAC', 'The phone’s MAC address (12 hex digits), as printed on its label.', 'mac', 'text', 215, true),
  col('vendor', 'Vendor', 'Phone vendor as the PBX names it.', 'vendor', 'pick', 120),
  col('model', 'Model', 'Phone model; only models the PBX offers for the vendor are valid.', 'model', 'pick', 130),
  col('template', 'Template', 'Provisioning template for the model.', 'template', 'pick', 170),
  col('method', 'Method', 'Provisioning method: pnp, dhcp, rps or rps_fqdn.', 'method', 'pick', 100),
  col('auth', 'Auth 1st', 'Authentication for first-time provisioning (RPS): the user confirms on the phone.', 'auth', 'bool', 96),
  col('extension', 'Ext.', 'Extension number on the PBX.', 'extension', 'pick', 90, true),
  col('extName', 'Ext. name', 'The extension’s name on the PBX (read-only).', null, 'text', 160),
  col('shared', 'Shared', 'This phone deliberately shares its extension with other phones (the PBX allows up to 5).', 'sharedExtension', 'bool', 80),
  col('location', 'Location', 'Desk, room or label.', 'location', 'text', 160),
  col('serial', 'Serial', 'Serial number (optional).', 'serial', 'text', 140, true),
  col('rpsPin', 'RPS PIN', 'Yealink RPS PIN (optional; letters and digits).', 'rpsPin', 'text', 100, true),
  col('source', 'Source', 'Where the MAC came from, and ✓ when LAN discovery also saw it on the network (read-only).', null, 'text', 235),
  col('status', 'Status', 'Where the row is on its way to the PBX (read-only).', null, 'text', 110),
  col('message', 'Message', 'The last outcome in words (read-only).', null, 'text', 260),
];

/** Index of each column by key. */
export const COLUMN_INDEX: Readonly<Record<ColumnKey, number>> = Object.fromEntries(COLUMNS.map((c, i) => [c.key, i])) as Record<ColumnKey, number>;

/** The column at an index (throws on a bad index: a programming error). */
export function columnAt(index: number): ColumnDef {
  const column = COLUMNS[index];
  if (!column) throw new RangeError(`no column ${index}`);
  return column;
}

/** The row fields the technician edits; a row with all of them empty is a blank row. */
export const DATA_FIELDS = ['mac', 'vendor', 'model', 'template', 'method', 'extension', 'location', 'serial', 'rpsPin'] as const;

/** True when the row holds nothing the technician entered (a spare row, not a phone). */
export function isBlankRow(row: Row): boolean {
  return DATA_FIELDS.every((field) => row[field].trim() === '');
}
