import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { NoBridgeError, connectBridge } from './bridge';
import { BridgeProvider } from './app/bridge-context';
import './styles/app.css';

const root = createRoot(document.getElementById('root')!);
try {
  const bridge = connectBridge();
  root.render(
    <StrictMode>
      <BridgeProvider bridge={bridge}>
        <App />
      </BridgeProvider>
    </StrictMode>,
  );
} catch (error) {
  const message = error instanceof NoBridgeError ? error.message : `The app could not start: ${String(error)}`;
  root.render(
    <main className="fatal" role="alert">
      <h1>OnSite Provisioner cannot reach its core</h1>
      <p>{message}</p>
    </main>,
  );
}
