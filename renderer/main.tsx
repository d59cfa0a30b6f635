import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installFocusKeeper } from './focus-keeper';
import { Root } from './Root';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
installFocusKeeper();
createRoot(root).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
