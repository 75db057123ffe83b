import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { CSP_META } from './shared/csp.js';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [
    react(),
    {
      name: 'branch-ledger-csp',
      transformIndexHtml: (html) => html.replace('%BRANCH_LEDGER_CSP%', CSP_META),
    },
  ],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
