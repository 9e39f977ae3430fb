/** A HIGH or MEDIUM electronegativity finding we accept, with the reason. */
export interface AcceptedFinding {
  readonly check: string;
  /** Path relative to the repository root. */
  readonly file: string;
  readonly why: string;
}

/**
 * Findings reviewed and accepted. Anything HIGH or MEDIUM not listed here fails `npm run audit:electron`.
 * Keep each reason specific: what the check worries about, and why it does not apply.
 */
export const ACCEPTED_FINDINGS: readonly AcceptedFinding[] = [
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'electron/main/window.ts',
    why: 'The preload is the only bridge to the core and is deliberately narrow: sandboxed, context-isolated, exposing one named function per contract channel and one event subscription, never ipcRenderer (electron/preload/index.ts).',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main/index.ts',
    why: 'shell.openExternal is only the executor of the app:open-external request: the core has already parsed the URL and checked it against the allowlist (http/https only, no credentials in it, origin of a configured PBX profile or https://help.yeastar.com; electron/core/external-url.ts, test/core/open-external.test.ts).',
  },
];
