import type { ReactNode } from 'react';
import { DiscoveryScreen } from '../features/discovery/DiscoveryScreen';
import { SiteScreen } from '../features/grid/SiteScreen';
import { PbxScreen } from '../features/pbx/PbxScreen';
import { ScannersScreen } from '../features/scanner/ScannersScreen';
import { HomeScreen } from './HomeScreen';

/** One screen of the app, reachable from the navigation bar and with Alt+<number>. */
export interface Screen {
  readonly id: string;
  readonly label: string;
  render(): ReactNode;
}

/** The app's screens in navigation order. Feature folders add theirs here. */
export const SCREENS: readonly Screen[] = [
  { id: 'home', label: 'Start', render: () => <HomeScreen /> },
  { id: 'site', label: 'Site', render: () => <SiteScreen /> },
  { id: 'discovery', label: 'Discovery', render: () => <DiscoveryScreen /> },
  { id: 'pbx', label: 'PBX', render: () => <PbxScreen /> },
  { id: 'scanners', label: 'Scanners', render: () => <ScannersScreen /> },
];
