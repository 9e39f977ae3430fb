import { useEffect, useState } from 'react';
import type { ProjectSummary } from '../../../../shared/domain/project';
import { useBridge, useCoreEvents } from '../../app/bridge-context';

/** Every project, most recently changed first, kept current by `projects:changed` / `projects:deleted`. */
export function useProjects(): { projects: readonly ProjectSummary[]; loaded: boolean; error: string | undefined } {
  const bridge = useBridge();
  const [projects, setProjects] = useState<readonly ProjectSummary[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    void bridge.call('projects:list', {}).then((result) => {
      if (!live) return;
      if (result.ok) setProjects(result.data.projects);
      else setError(result.error.message);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [bridge]);

  useCoreEvents((event) => {
    if (event.event === 'projects:changed') {
      const changed = event.payload;
      setProjects((list) => [changed, ...list.filter((p) => p.id !== changed.id)].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)));
    } else if (event.event === 'projects:deleted') {
      const { id } = event.payload;
      setProjects((list) => list.filter((p) => p.id !== id));
    }
  });
  return { projects, loaded, error };
}
