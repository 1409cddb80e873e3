// Entry point: mount the app and connect the store to the URL.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { attachWorker, workerRestarted } from './state/trainingActions';
import { startPrefs } from './state/prefs';
import { registerServiceWorker } from './state/serviceWorker';
import { startUrlSync } from './state/url';
import { TrainingClient } from './train/client';
import { App } from './ui/App';
import './ui/styles.css';

startPrefs();
startUrlSync();
registerServiceWorker();
attachWorker(new TrainingClient(workerRestarted));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
