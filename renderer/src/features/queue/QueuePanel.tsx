import { useEffect, useRef, useState } from 'react';
import type { QueueState } from '../../../../shared/contract';
import type { ProjectSummary } from '../../../../shared/domain/project';
import { RunsDialog } from './RunsDialog';
import { type QueueView, useQueue } from './useQueue';
import './queue.css';

const PHASE_WORDS: Readonly<Record<QueueState['state'], string>> = {
  idle: 'Up to date',
  running: 'Syncing…',
  waiting: 'Waiting for the PBX',
  paused: 'Paused',
  stopped: 'Stopped: needs you',
};

const PHASE_LOOK: Readonly<Record<QueueState['state'], string>> = { idle: 'chip-ok', running: 'chip-info', waiting: 'chip-warn', paused: 'chip-warn', stopped: 'chip-bad' };

/** "14:02:31" for an ISO time, in the technician's locale. */
function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString();
}

/**
 * The queue panel of the open project: where the sync stands (up to date, syncing with a progress bar,
 * waiting for the PBX with the next attempt time, paused, or stopped with what to do), counts per state, and
 * the actions: Sync now, Pause/Resume, Retry failed, Runs and report. "Queue for PBX" is on the grid's
 * toolbar; its key, Ctrl+Shift+Enter, works anywhere on the screen.
 */
export function QueuePanel({ summary, onQueue }: { summary: ProjectSummary; onQueue: () => Promise<void> }) {
  const queue = useQueue(summary.id);
  const [runsOpen, setRunsOpen] = useState(false);
  const { state, progress } = queue;

  // The technician just chose the site's PBX (the PBX chooser above): a sync stopped for want of one starts.
  // Only on a change seen here, never on opening the project (a stop for refused credentials must stay a stop).
  const profileId = summary.pbxProfileId;
  const seenProfile = useRef(profileId);
  const stopped = state?.state === 'stopped';
  const { act } = queue;
  useEffect(() => {
    if (seenProfile.current === profileId) return;
    seenProfile.current = profileId;
    if (profileId !== null && stopped) void act('queue:sync-now');
  }, [profileId, stopped, act]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key === 'Enter') {
        e.preventDefault();
        void onQueue();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onQueue]);

  if (!state) return <section className="queue-panel" aria-busy="true" data-testid="queue-panel" />;
  const c = state.counts;
  const retryable = c.failed + c.conflict;
  const held = state.state === 'paused';
  return (
    <section className="queue-panel" aria-label="Queue for the PBX" data-testid="queue-panel" data-state={state.state}>
      <div className="queue-line">
        <span className={`chip ${PHASE_LOOK[state.state]}`} data-testid="queue-state" data-state={state.state} role="status">
          {PHASE_WORDS[state.state]}
        </span>
        <Counts state={state} />
        <span className="spacer" />
        <button type="button" className="button-quiet" onClick={() => void queue.act('queue:sync-now')} disabled={state.state === 'running'} data-testid="queue-sync-now">
          Sync now
        </button>
        <button type="button" className="button-quiet" onClick={() => void queue.act(held ? 'queue:resume' : 'queue:pause')} data-testid="queue-pause">
          {held ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="button-quiet" onClick={() => void queue.act('queue:retry')} disabled={retryable === 0} data-testid="queue-retry">
          Retry failed{retryable > 0 ? ` (${retryable})` : ''}
        </button>
        <button type="button" className="button-quiet" onClick={() => setRunsOpen(true)} data-testid="queue-runs">
          Runs and report…
        </button>
      </div>
      {state.state === 'running' && progress && <Progress progress={progress} />}
      <Explain queue={queue} />
      {runsOpen && <RunsDialog projectId={summary.id} onClose={() => setRunsOpen(false)} />}
    </section>
  );
}

function Counts({ state }: { state: QueueState }) {
  const c = state.counts;
  const items: [string, string, number][] = [
    ['queued', 'Queued', c.queued],
    ['sending', 'Sending', c.sending],
    ['on-pbx', 'On PBX', c['on-pbx']],
    ['failed', 'Failed', c.failed],
    ['conflict', 'Conflict', c.conflict],
  ];
  return (
    <span className="queue-counts" data-testid="queue-counts">
      {items.map(([key, label, n]) => (
        <span key={key} className={`queue-count qc-${key}`} data-state={key} data-count={n}>
          {label} <strong>{n}</strong>
        </span>
      ))}
      {c['on-pbx'] > 0 && (
        <span className="queue-count qc-registered" data-testid="queue-registered" data-count={state.registered} title={state.polling ? 'Reading registrations every few seconds' : undefined}>
          Registered <strong>{state.registered}</strong>
          {state.polling ? ' ↻' : ''}
        </span>
      )}
    </span>
  );
}

function Progress({ progress }: { progress: NonNullable<QueueView['progress']> }) {
  const { chunksDone, chunksTotal, rowsDone, rowsTotal } = progress;
  return (
    <div className="queue-progress" data-testid="queue-progress">
      <progress value={rowsDone} max={Math.max(1, rowsTotal)} aria-label="Phones sent" />
      <span>
        {rowsTotal > 0 ? `${rowsDone} of ${rowsTotal} phones · request ${Math.min(chunksDone + 1, chunksTotal)} of ${chunksTotal} · ` : ''}
        {progress.message}
      </span>
    </div>
  );
}

/** What the technician needs to know or do now: the waiting reason and next attempt, or a stop's reason. */
function Explain({ queue }: { queue: QueueView }) {
  const { state, error } = queue;
  if (!state) return null;
  return (
    <>
      {state.state === 'waiting' && (
        <p className="queue-note note-warn" data-testid="queue-waiting">
          {state.reason}
          {state.nextAttemptAt && ` Next attempt at ${clock(state.nextAttemptAt)}, or as soon as the PBX answers again.`}
        </p>
      )}
      {state.state === 'stopped' && (
        <p className="queue-note note-bad" role="alert" data-testid="queue-stopped">
          {state.reason} When it is fixed, press Sync now.
        </p>
      )}
      {error && (
        <p className="queue-note note-bad" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
