import { type ReactNode, createContext, useContext, useEffect, useRef, useState } from 'react';
import type { Bridge, LinkState, UiEvent } from '../bridge';

const BridgeContext = createContext<Bridge | undefined>(undefined);

/** Makes the bridge available to every component below it. */
export function BridgeProvider({ bridge, children }: { bridge: Bridge; children: ReactNode }) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

/** The bridge to the core. */
export function useBridge(): Bridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge outside BridgeProvider');
  return bridge;
}

/** The current state of the UI's link to the core. */
export function useLinkState(): LinkState {
  const bridge = useBridge();
  const [state, setState] = useState<LinkState>('connecting');
  useEffect(() => bridge.onLinkState(setState), [bridge]);
  return state;
}

/** Calls `listener` for every core event while the component is mounted. */
export function useCoreEvents(listener: (event: UiEvent) => void): void {
  const bridge = useBridge();
  const latestRef = useRef(listener);
  useEffect(() => {
    latestRef.current = listener;
  });
  useEffect(() => bridge.onEvent((event) => latestRef.current(event)), [bridge]);
}
