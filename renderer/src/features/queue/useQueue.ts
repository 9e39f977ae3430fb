import { useCallback, useEffect, useState } from 'react';
import { type QueueProgress, type QueueState, type RunInfo, errorText } from '../../../../shared/contract';
import { useBridge, useCoreEvents } from '../../app/bridge-context';

/** A project's queue as the panel shows it: state, the running sync's progress, and the last run. */
export interface QueueView {
  readonly state: QueueState | null;
  readonly lastRun: RunInfo | null;
  /** The running sync's progress; null when none runs. */
  readonly progress: QueueProgress | null;
  /** Why the last action failed, in words; '' when it did not. */
  readonly error: string;
  /** Calls a `queue:*` action and shows its error, if any. */
  readonly act: (channel: 'queue:sync-now' | 'queue:pause' | 'queue:resume' | 'queue:retry') => Promise<void>;
  readonly setError: (message: string) => void;
}

/** Follows one project's queue through `queue:status` and the `queue:state` / `queue:progress` events. */
export function useQueue(projectId: string): QueueView {
  const bridge = useBridge();
  const [state, setState] = useState<QueueState | null>(null);
  const [lastRun, setLastRun] = useState<RunInfo | null>(null);
  const [progress, setProgress] = useState<QueueProgress | null>(null);
  const [error, setError] = useState('');

  const reload = useCallback(() => {
    void bridge.call('queue:status', { projectId }).then((result) => {
      if (!result.ok) return setError(result.error.message);
      const { lastRun: last, ...rest } = result.data;
      setState(rest);
      setLastRun(last);
    });
  }, [bridge, projectId]);
  useEffect(reload, [reload]);

  useCoreEvents((event) => {
    if (event.event === 'queue:state' && event.payload.projectId === projectId) {
      setState(event.payload);
      if (event.payload.state !== 'running') {
        setProgress(null);
        reload();
      }
    } else if (event.event === 'queue:progress' && event.payload.projectId === projectId) {
      setProgress(event.payload);
    }
  });

  const act = useCallback(
    async (channel: 'queue:sync-now' | 'queue:pause' | 'queue:resume' | 'queue:retry') => {
      setError('');
      const result = await bridge.call(channel, { projectId });
      if (!result.ok) return setError(errorText(result.error));
      setState('status' in result.data ? result.data.status : result.data);
    },
    [bridge, projectId],
  );

  return { state, lastRun, progress, error, act, setError };
}
