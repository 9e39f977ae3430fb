import type { Row } from '../domain/project';
import type { Outbox } from './outbox';

const DONE_MESSAGE = 'On the PBX (confirmed by read-back).';

/**
 * Copies each queued phone's state and reason onto its grid row, so the grid shows where every
 * phone stands. Rows not in the outbox are drafts.
 */
export function mirrorOntoRows(rows: Row[], outbox: Outbox): void {
  const items = new Map(outbox.items.map((i) => [i.rowId, i]));
  for (const row of rows) {
    const item = items.get(row.id);
    if (!item) {
      // Only the outbox moves a row past draft: a row that left it (dropped, undone) is a draft again.
      if (row.status !== 'draft') {
        row.status = 'draft';
        row.message = 'Back to draft: not in the queue any more.';
      }
      continue;
    }
    row.status = item.state;
    row.message =
      item.state === 'on-pbx'
        ? `${DONE_MESSAGE}${item.registration ? ` ${item.registration}.` : ''}`
        : item.state === 'queued' && item.reason === ''
          ? 'Waiting to be sent.'
          : item.state === 'sending'
            ? 'Being sent…'
            : item.reason;
  }
}
