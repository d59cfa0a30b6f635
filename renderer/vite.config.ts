import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Electron serves the build from app://desk/ and the harness from its own server: relative asset URLs
  // resolve under either.
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // No inline scripts or styles: the CSP allows only files served from the app itself.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
