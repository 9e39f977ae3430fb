import type { PartialHandlers } from './dispatch';
import type { Notices } from './notices';

/** Facts about the running app that the app handlers report. */
export interface AppFacts {
  readonly productName: string;
  readonly version: string;
  readonly shell: 'electron' | 'web';
  readonly dataDir: string;
}

/** Handlers for the `app:*` channels. */
export function appHandlers(facts: AppFacts, notices: Notices): PartialHandlers<'app:info' | 'app:dismiss-notice'> {
  return {
    'app:info': () => ({ ...facts, notices: notices.list() }),
    'app:dismiss-notice': ({ id }) => ({ dismissed: notices.dismiss(id) }),
  };
}
