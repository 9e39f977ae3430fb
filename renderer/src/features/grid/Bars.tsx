import type { PbxConnectionState } from '../../../../shared/contract';
import { ROW_STATES, type Row } from '../../../../shared/domain/project';
import { PROBLEM_LABELS } from '../../../../shared/grid/problem-labels';
import { PROBLEM_CODES, type ProblemCode, type Severity, type ValidationResult } from '../../../../shared/grid/validate';
import { SEVERITY_ICON, STATE_LOOK } from './GridRow';
import type { SaveState } from './session';
import type { SnapshotState } from './snapshot';

const severityOf = (validation: ValidationResult, code: ProblemCode): Severity => validation.problems.find((p) => p.code === code)?.severity ?? 'info';

const UNCHECKED_WORDS = { compatibility: 'models and templates', extensions: 'extensions', phones: 'phones already on the PBX' } as const;

/** Counts of problems by kind; clicking one jumps to the next cell with it. */
export function ProblemsBar({ validation, onJump }: { validation: ValidationResult; onJump: (code: ProblemCode) => void }) {
  const { counts, unchecked } = validation;
  const codes = PROBLEM_CODES.filter((code) => (counts.byCode[code] ?? 0) > 0);
  const skipped = unchecked.length > 0 && <span className="problems-note">Not checked without PBX data: {unchecked.map((u) => UNCHECKED_WORDS[u]).join(', ')}.</span>;
  if (counts.error + counts.warning === 0) {
    return (
      <div className="problems-bar all-clear" role="status" data-testid="problems-bar" data-errors={0}>
        ✓ No problems found{counts.info > 0 ? ` (${counts.info} note${counts.info === 1 ? '' : 's'})` : ''}. {skipped}
      </div>
    );
  }
  return (
    <div className="problems-bar" role="status" aria-label="Problems" data-testid="problems-bar" data-errors={counts.error}>
      <strong>
        {counts.error} error{counts.error === 1 ? '' : 's'} in {counts.rowsWithErrors} row{counts.rowsWithErrors === 1 ? '' : 's'}
        {counts.warning > 0 ? `, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}` : ''}:
      </strong>
      {codes.map((code) => {
        const severity = severityOf(validation, code);
        return (
          <button key={code} type="button" className={`problem-chip sev-${severity}`} onClick={() => onJump(code)} title="Go to the next one" data-code={code}>
            {SEVERITY_ICON[severity]} {PROBLEM_LABELS[code]} {counts.byCode[code]}
          </button>
        );
      })}
      {skipped}
    </div>
  );
}

const SAVE_WORDS = { saved: 'Saved ✓', saving: 'Saving…', unsaved: 'Unsaved changes', error: 'Not saved' } as const;

/** The save state, with a retry when a save failed. */
export function SaveBadge({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  return (
    <span className="save-line" role="status" aria-live="polite">
      <span className={`save-state save-${state.kind}`} data-testid="save-state" data-state={state.kind} title={state.kind === 'error' ? state.message : undefined}>
        {SAVE_WORDS[state.kind]}
      </span>
      {state.kind === 'error' && (
        <>
          {' '}
          <span className="error">{state.message}</span>{' '}
          <button type="button" onClick={onRetry}>
            Retry save
          </button>
        </>
      )}
    </span>
  );
}

const STATE_WORDS: Readonly<Record<PbxConnectionState, string>> = {
  connected: 'connected',
  'needs-secret': 'needs the Client Secret',
  'auth-refused': 'login refused',
  blocked: 'this computer is blocked',
  unreachable: 'unreachable',
  'tls-untrusted': 'certificate not trusted',
  'tls-changed': 'certificate changed',
  error: 'error',
};

function pbxWords(pbx: SnapshotState): string {
  if (pbx.profileId === null) return 'none chosen';
  const state = pbx.status ? STATE_WORDS[pbx.status.state] : 'not connected';
  return pbx.age ? `${state} · data ${pbx.age}` : `${state} · no data yet`;
}

function pbxChip(pbx: SnapshotState): string {
  if (pbx.status?.state === 'connected' && pbx.age) return 'chip-ok';
  if (pbx.status && pbx.status.state !== 'connected') return 'chip-bad';
  return 'chip-warn';
}

/** Rows per state, rows ready to queue, and the PBX and queue connections, always in view. */
export function StatusBar({ rows, ready, snapshot }: { rows: readonly Row[]; ready: number; snapshot: SnapshotState }) {
  const byState = new Map(ROW_STATES.map((s) => [s, 0]));
  for (const row of rows) byState.set(row.status, (byState.get(row.status) ?? 0) + 1);
  return (
    <footer className="status-bar" aria-label="Status" data-testid="status-bar">
      {ROW_STATES.map((state) => (
        <span key={state} className={`status-chip st-${state}`} data-state={state} data-count={byState.get(state)}>
          {STATE_LOOK[state].icon} {STATE_LOOK[state].label} {byState.get(state)}
        </span>
      ))}
      <span className="ready-count" data-testid="ready-count" data-count={ready}>
        Ready to queue: {ready}
      </span>
      <span className="sep" />
      <span className={`chip ${pbxChip(snapshot)}`} title={snapshot.label} data-testid="pbx-state" data-state={snapshot.status?.state ?? 'none'}>
        PBX: {pbxWords(snapshot)}
      </span>
    </footer>
  );
}
