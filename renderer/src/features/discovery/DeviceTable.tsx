import type { DiscoveredDevice } from '../../../../shared/contract';
import { sightingKey } from '../../../../shared/domain/seen-on-network';
import { type PbxMark, pbxMarkText } from './pbx-compare';

const SOURCE_LABEL: Record<DiscoveredDevice['source'], string> = { sweep: 'Network scan', pnp: 'Announced', both: 'Scan + announced' };

/**
 * The devices found, with a checkbox each; the header box selects every row shown. `inProject`: MACs (12 hex
 * digits) the chosen project holds; `onPbx`: whether the project's PBX already has a MAC, and on which extension.
 */
export function DeviceTable({
  devices,
  selected,
  inProject,
  onPbx,
  onToggle,
  onToggleAll,
}: {
  devices: readonly DiscoveredDevice[];
  selected: ReadonlySet<string>;
  inProject: ReadonlySet<string>;
  onPbx: (mac: string) => PbxMark | null;
  onToggle: (mac: string) => void;
  onToggleAll: (select: boolean) => void;
}) {
  const allSelected = devices.length > 0 && devices.every((d) => selected.has(d.mac));
  return (
    <table className="disc-table" data-testid="discovery-devices">
      <thead>
        <tr>
          <th scope="col">
            <input type="checkbox" aria-label="Select every device shown" checked={allSelected} onChange={() => onToggleAll(!allSelected)} />
          </th>
          <th scope="col">IP address</th>
          <th scope="col">MAC</th>
          <th scope="col">Vendor</th>
          <th scope="col">Model</th>
          <th scope="col">Firmware</th>
          <th scope="col">Seen by</th>
          <th scope="col">Project and PBX</th>
        </tr>
      </thead>
      <tbody>
        {devices.map((device) => {
          const pbx = onPbx(device.mac);
          const key = sightingKey(device.mac);
          return (
          <tr key={device.mac} data-mac={device.mac} className={device.isPhone ? 'disc-phone' : 'disc-other'}>
            <td>
              <input type="checkbox" aria-label={`Select ${device.mac}`} checked={selected.has(device.mac)} onChange={() => onToggle(device.mac)} />
            </td>
            <td className="mono">{device.ip || '—'}</td>
            <td className="mono">{device.mac}</td>
            <td>{device.vendor ?? <span className="disc-muted">unknown maker</span>}</td>
            <td>{device.model ?? <span className="disc-muted">—</span>}</td>
            <td className="mono">{device.firmware ?? <span className="disc-muted">—</span>}</td>
            <td>
              <span className={`disc-badge disc-badge-${device.source}`}>{SOURCE_LABEL[device.source]}</span>
            </td>
            <td>
              {key !== null && inProject.has(key) && <span className="disc-badge disc-badge-in-project">In project</span>}
              {pbx && (
                <span className="disc-badge disc-badge-on-pbx" data-testid="discovery-on-pbx">
                  {pbxMarkText(pbx)}
                </span>
              )}
            </td>
          </tr>
          );
        })}
      </tbody>
    </table>
  );
}
