/**
 * The project discovered devices go to: the list to pick from, the MACs it already holds, and the add itself
 * (load, merge by MAC, save with the loaded `updatedAt` so a change made elsewhere is never overwritten).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppError, DiscoveredDevice, RequestOutput, Result } from '../../../../shared/contract';
import { addDevicesToRows, macsInRows } from '../../../../shared/domain/discovered-rows';
import type { ProjectSummary } from '../../../../shared/domain/project';
import type { Bridge } from '../../bridge';
import { useBridge, useCoreEvents } from '../../app/bridge-context';

/** What an add did, in the project's name. */
export interface AddedToProject {
  readonly projectName: string;
  readonly added: number;
  readonly alreadyThere: number;
}

/** Adds devices to a project as rows; retries once if the project changed between load and save. */
export async function addToProject(bridge: Bridge, projectId: string, devices: readonly DiscoveredDevice[]): Promise<Result<AddedToProject>> {
  for (let attempt = 0; ; attempt += 1) {
    const loaded = await bridge.call('projects:get', { id: projectId });
    if (!loaded.ok) return loaded;
    const outcome = addDevicesToRows(loaded.data.rows, devices, () => crypto.randomUUID());
    const saved = await bridge.call('projects:save-rows', { id: projectId, rows: outcome.rows, expectedUpdatedAt: loaded.data.updatedAt });
    if (saved.ok) return { ok: true, data: { projectName: loaded.data.name, added: outcome.added, alreadyThere: outcome.alreadyThere } };
    if (saved.error.code !== 'conflict' || attempt > 0) return saved;
  }
}

/** The open projects (most recently changed first), the chosen one, and the MACs it holds (12 hex digits). */
export function useProjectTarget() {
  const bridge = useBridge();
  const [projects, setProjects] = useState<readonly ProjectSummary[]>([]);
  const [projectId, setProjectId] = useState('');
  const [macs, setMacs] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<AppError | null>(null);

  const applyList = useCallback((result: Result<{ projects: ProjectSummary[] }>) => {
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const open = result.data.projects.filter((p) => !p.archived);
    setProjects(open);
    setProjectId((current) => (open.some((p) => p.id === current) ? current : (open[0]?.id ?? '')));
  }, []);
  const applyRows = useCallback((result: Result<RequestOutput<'projects:get'>>) => {
    if (result.ok) setMacs(macsInRows(result.data.rows));
    else setError(result.error);
  }, []);

  useEffect(() => {
    void bridge.call('projects:list', {}).then(applyList);
  }, [bridge, applyList]);
  useEffect(() => {
    if (projectId) void bridge.call('projects:get', { id: projectId }).then(applyRows);
  }, [bridge, projectId, applyRows]);
  useCoreEvents((event) => {
    if (event.event !== 'projects:changed' && event.event !== 'projects:deleted') return;
    void bridge.call('projects:list', {}).then(applyList);
    if (event.payload.id === projectId) void bridge.call('projects:get', { id: projectId }).then(applyRows);
  });

  const create = async (name: string): Promise<void> => {
    const created = await bridge.call('projects:create', { name });
    if (!created.ok) {
      setError(created.error);
      return;
    }
    setError(null);
    setProjectId(created.data.id);
  };

  return { projects, projectId, setProjectId, macs: projectId ? macs : new Set<string>(), error, setError, create };
}
