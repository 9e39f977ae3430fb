import { AppFailure } from '../../shared/contract';
import type { PartialHandlers } from './dispatch';
import { checkExternalUrl } from './external-url';
import type { Notices } from './notices';

/** Facts about the running app that the app handlers report. */
export interface AppFacts {
  readonly productName: string;
  readonly version: string;
  readonly shell: 'electron' | 'web';
  readonly dataDir: string;
}

/** What `app:open-external` needs: the PBX addresses it may open, and the shell's opener (none in the browser shell). */
export interface ExternalOpener {
  readonly pbxBaseUrls: () => Promise<readonly string[]>;
  readonly open?: ((url: string) => Promise<void>) | undefined;
}

/** Handlers for the `app:*` channels. */
export function appHandlers(facts: AppFacts, notices: Notices, external: ExternalOpener): PartialHandlers<'app:info' | 'app:dismiss-notice' | 'app:open-external'> {
  return {
    'app:info': () => ({ ...facts, notices: notices.list() }),
    'app:dismiss-notice': ({ id }) => ({ dismissed: notices.dismiss(id) }),
    'app:open-external': async ({ url }) => {
      const checked = checkExternalUrl(url, await external.pbxBaseUrls());
      if (!checked.ok) throw new AppFailure('validation', checked.reason);
      if (!external.open) return { url: checked.url, opened: false };
      await external.open(checked.url);
      return { url: checked.url, opened: true };
    },
  };
}
