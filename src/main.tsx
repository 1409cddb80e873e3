// Entry point: mount the app and connect the store to the URL.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startUrlSync } from './state/url';
import { App } from './ui/App';
import './ui/styles.css';

startUrlSync();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
