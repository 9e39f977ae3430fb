import { useCallback, useEffect, useState } from 'react';
import { useBridge } from '../../app/bridge-context';
import { ProjectsPanel } from '../projects/ProjectsPanel';
import { QuickSwitch } from '../projects/QuickSwitch';
import { useProjects } from '../projects/useProjects';
import { ProjectGrid } from './ProjectGrid';

/**
 * "Site": the technician's main screen. The open project's grid, with the project list one click (or
 * Ctrl+P) away. The last project opened is reopened at start.
 */
export function SiteScreen() {
  const bridge = useBridge();
  const { projects } = useProjects();
  const [projectId, setProjectId] = useState<string | undefined>();
  const [listing, setListing] = useState(false);
  const [quick, setQuick] = useState(false);
  const [started, setStarted] = useState(false);

  useEffect(() => {
    void bridge.call('settings:get', {}).then((result) => {
      const last = result.ok ? result.data.lastProjectId : null;
      if (last) setProjectId(last);
      else setListing(true);
      setStarted(true);
    });
  }, [bridge]);

  const open = useCallback(
    (id: string) => {
      setProjectId(id);
      setListing(false);
      setQuick(false);
      void bridge.call('settings:update', { lastProjectId: id });
    },
    [bridge],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        setQuick(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const current = projects.find((p) => p.id === projectId);
  const missing = started && projectId !== undefined && projects.length > 0 && !current;
  const switcher = (
    <button type="button" className="button-quiet" onClick={() => setQuick(true)} title="Switch project (Ctrl+P)">
      Switch… <kbd>Ctrl+P</kbd>
    </button>
  );
  if (!started) return null;
  if (listing || !projectId || missing) {
    return (
      <section className="site" aria-label="Site">
        <div className="site-header">
          <h2 data-testid="site-title">Projects</h2>
          <span className="spacer" />
          {current && (
            <button type="button" className="button-quiet" onClick={() => setListing(false)}>
              Back to {current.name}
            </button>
          )}
          {switcher}
        </div>
        <ProjectsPanel currentId={projectId} onOpen={open} />
        {quick && <QuickSwitch onOpen={open} onClose={() => setQuick(false)} />}
      </section>
    );
  }
  const actions = (
    <>
      <button type="button" className="button-quiet" onClick={() => setListing(true)} data-testid="show-projects">
        All projects
      </button>
      {switcher}
    </>
  );
  return (
    <section className="site" aria-label="Site">
      <ProjectGrid key={projectId} projectId={projectId} actions={actions} />
      {quick && <QuickSwitch onOpen={open} onClose={() => setQuick(false)} />}
    </section>
  );
}
