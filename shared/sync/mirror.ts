import type { Row } from '../domain/project';
import type { Outbox, OutboxItem } from './outbox';

/** What a queued phone's state means, in words, for the grid's message column. */
export function itemMessage(item: OutboxItem): string {
  switch (item.state) {
    case 'on-pbx':
      return `On the PBX (confirmed by read-back).${item.registration ? ` ${item.registration}.` : ''}`;
    case 'queued':
      return item.reason === '' ? 'Queued: waiting to be sent to the PBX.' : item.reason;
    case 'sending':
      // Also true after a crash mid-request: the next sync reads the PBX back before sending it again.
      return 'Sent to the PBX; waiting for the read-back that confirms it.';
    case 'failed':
    case 'conflict':
      return item.reason;
  }
}

/**
 * Copies each queued phone's state and reason onto its grid row, so the grid shows where every
 * phone stands. Rows not in the outbox are drafts.
 */
export function mirrorOntoRows(rows: Row[], outbox: Outbox): void {
  const items = new Map(outbox.items.map((i) => [i.rowId, i]));
  for (const row of rows) {
    const item = items.get(row.id);
    if (!item) {
      // Only the outbox moves a row past draft: a row that left it (dropped, undone, edited) is a draft again.
      if (row.status !== 'draft') {
        row.status = 'draft';
        row.message = 'Not in the queue: queue it to send it to the PBX.';
      }
      continue;
    }
    row.status = item.state;
    row.message = itemMessage(item);
  }
}
