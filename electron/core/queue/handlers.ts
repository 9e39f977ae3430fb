import type { PartialHandlers } from '../dispatch';
import type { QueueService } from './service';

/** Every `queue:*` channel. */
export type QueueChannel =
  | 'queue:add'
  | 'queue:retry'
  | 'queue:remove'
  | 'queue:status'
  | 'queue:sync-now'
  | 'queue:pause'
  | 'queue:resume'
  | 'queue:runs'
  | 'queue:undo'
  | 'queue:report';

/** Handlers for the `queue:*` channels: thin translations to the {@link QueueService}. */
export function queueHandlers(queue: QueueService): PartialHandlers<QueueChannel> {
  return {
    'queue:add': ({ projectId, rowIds }) => queue.add(projectId, rowIds),
    'queue:retry': ({ projectId, rowIds }) => queue.retry(projectId, rowIds),
    'queue:remove': ({ projectId, rowIds }) => queue.remove(projectId, rowIds),
    'queue:status': ({ projectId }) => queue.status(projectId),
    'queue:sync-now': ({ projectId }) => queue.syncNow(projectId),
    'queue:pause': ({ projectId }) => queue.pause(projectId),
    'queue:resume': ({ projectId }) => queue.syncNow(projectId),
    'queue:runs': ({ projectId }) => ({ runs: queue.runs(projectId) }),
    'queue:undo': ({ projectId, runId }) => queue.undo(projectId, runId),
    'queue:report': ({ projectId, format }) => queue.report(projectId, format),
  };
}
