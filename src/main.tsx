// Entry point: mount the app and connect the store to the URL.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startHistoryRecording } from './state/history/recorder';
import { attachWorker, workerRestarted } from './state/trainingActions';
import { startUrlSync } from './state/url';
import { TrainingClient } from './train/client';
import { App } from './ui/App';
import './ui/styles.css';

startUrlSync();
attachWorker(new TrainingClient(workerRestarted));
startHistoryRecording();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
