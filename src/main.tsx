// Entry point: mount the app and connect the store to the URL.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startAutosave } from './state/autosave';
import { startCustomPersistence } from './state/customPersist';
import { startDatasetSync } from './state/datasetActions';
import { startGuide } from './state/guide/startGuide';
import { startHistoryRecording } from './state/history/recorder';
import { startPrefs } from './state/prefs';
import { startReplayTracking } from './state/replayActions';
import { startReplayHistory } from './state/replayHistory';
import { registerServiceWorker } from './state/serviceWorker';
import { startUrlSync } from './state/url';
import { connectWorker } from './state/worker';
import { App } from './ui/App';
import './ui/styles.css';

startPrefs();
// Before the address is read: a challenge in a lesson link replaces the stored one.
startGuide();
// A share or lesson link in the address wins over autosaved work.
const opened = startUrlSync();
registerServiceWorker();
connectWorker();
startAutosave(opened);
// The learner's own classes come back before the network that is for them is checked against them.
void startCustomPersistence();
startDatasetSync();
startHistoryRecording();
startReplayTracking();
startReplayHistory();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
