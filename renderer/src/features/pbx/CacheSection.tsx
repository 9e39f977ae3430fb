import { useState } from 'react';
import type { AppError, EventPayload, PbxProfileView } from '../../../../shared/contract';
import { useBridge, useCoreEvents } from '../../app/bridge-context';
import { ageOfIso, ageText } from './format';

type Progress = EventPayload<'pbx:refresh-progress'>;

const PHASE: Record<Progress['phase'], string> = {
  compatibility: 'Reading phone vendors, models and templates',
  extensions: 'Reading extensions',
  phones: 'Reading phones',
  done: 'Done',
};

/**
 * The offline copy of the PBX's data (what the grid checks against and the pickers offer): how old each part is,
 * and "Refresh from PBX" with a progress bar. Works without the PBX: the ages just grow.
 */
export function CacheSection({ profile }: { profile: PbxProfileView }) {
  const bridge = useBridge();
  const [progress, setProgress] = useState<Progress | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | undefined>();

  useCoreEvents((event) => {
    if (event.event === 'pbx:refresh-progress' && event.payload.profileId === profile.id) setProgress(event.payload);
  });
  const refresh = (): void => {
    setBusy(true);
    setError(undefined);
    setProgress(undefined);
    void bridge.call('pbx:refresh', { id: profile.id }).then((result) => {
      setBusy(false);
      setProgress(undefined);
      if (!result.ok) setError(result.error);
    });
  };
  const { cache } = profile;
  const rows = [
    { label: 'Phone vendors and models', count: `${cache.vendorCount} vendors`, at: cache.compatibilityAt },
    { label: 'Extensions', count: String(cache.extensionCount), at: cache.extensionsAt },
    { label: 'Phones on the PBX', count: String(cache.phoneCount), at: cache.phonesAt },
  ];
  return (
    <section className="pbx-section" aria-label="Offline PBX data">
      <h3>Offline PBX data</h3>
      <table className="pbx-cache" data-testid="pbx-cache">
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{row.at ? row.count : '—'}</td>
              <td className={row.at ? undefined : 'field-warn'}>{row.at ? `fetched ${ageText(ageOfIso(row.at))}` : 'not fetched yet'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pbx-actions">
        <button type="button" onClick={refresh} disabled={busy} data-testid="pbx-refresh">
          {busy ? 'Refreshing…' : 'Refresh from PBX'}
        </button>
      </div>
      {busy && (
        <div role="status" className="pbx-progress">
          <span>{progress ? PHASE[progress.phase] : 'Connecting'}…</span>
          <progress max={progress?.total ?? undefined} value={progress?.total ? progress.done : undefined} />
        </div>
      )}
      {error && (
        <p className="pbx-alert pbx-alert-bad" role="alert">
          {error.message} {error.hint} What was fetched before is kept.
        </p>
      )}
    </section>
  );
}
