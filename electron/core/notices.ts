import { randomUUID } from 'node:crypto';
import type { Notice } from '../../shared/contract';
import type { EventHub } from './events';

/**
 * Things the technician must be told that did not come from their last action:
 * a store recovered from a corrupt file, a keychain that is missing, and so on.
 */
export class Notices {
  private readonly items: Notice[] = [];

  constructor(private readonly hub: EventHub) {}

  /** Records a notice and pushes it to the UI. */
  add(level: Notice['level'], title: string, message: string): Notice {
    const notice: Notice = { id: randomUUID(), level, title, message, at: new Date().toISOString() };
    this.items.push(notice);
    this.hub.emit('app:notice', notice);
    return notice;
  }

  /** Notices not yet dismissed. */
  list(): Notice[] {
    return [...this.items];
  }

  /** Dismisses one notice; false when it was not there. */
  dismiss(id: string): boolean {
    const index = this.items.findIndex((n) => n.id === id);
    if (index < 0) return false;
    this.items.splice(index, 1);
    return true;
  }
}
