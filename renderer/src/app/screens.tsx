import type { ReactNode } from 'react';
import { DiscoveryScreen } from '../features/discovery/DiscoveryScreen';
import { SiteScreen } from '../features/grid/SiteScreen';
import { PbxScreen } from '../features/pbx/PbxScreen';
import { ScannersScreen } from '../features/scanner/ScannersScreen';
import { AboutScreen } from './AboutScreen';

/** One screen of the app, reachable from the navigation bar and with Alt+<number>. */
export interface Screen {
  readonly id: string;
  readonly label: string;
  render(): ReactNode;
}

/**
 * The app's screens in navigation order; the first opens at start. The Site screen comes first because it is
 * where a technician spends the visit (it reopens the last site); About, which only informs, comes last.
 */
export const SCREENS: readonly Screen[] = [
  { id: 'site', label: 'Site', render: () => <SiteScreen /> },
  { id: 'discovery', label: 'Discovery', render: () => <DiscoveryScreen /> },
  { id: 'scanners', label: 'Scanners', render: () => <ScannersScreen /> },
  { id: 'pbx', label: 'PBX', render: () => <PbxScreen /> },
  { id: 'about', label: 'About', render: () => <AboutScreen /> },
];
