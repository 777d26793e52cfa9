import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n';
import App from './ui/shell/App';
import { preloadRouteView } from './ui/shell/views';
import './ui/styles.css';

// The view the address names is fetched beside the bootstrap (views.ts).
preloadRouteView(location.hash);
initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
