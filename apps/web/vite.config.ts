import path from 'node:path';
import { createRequire } from 'node:module';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

const require = createRequire(import.meta.url);
// govuk-frontend's package folder, wherever npm hoisted it.
const govukRoot = path.dirname(require.resolve('govuk-frontend/package.json'));

export default defineConfig({
  plugins: [sveltekit()],
  resolve: {
    alias: { '$govuk-assets': path.join(govukRoot, 'dist/govuk/assets') },
  },
  css: {
    preprocessorOptions: {
      scss: {
        loadPaths: [path.join(govukRoot, 'dist'), path.resolve(govukRoot, '..')],
        quietDeps: true,
      },
    },
  },
  server: {
    fs: { allow: [govukRoot] },
    // vite dev only: the spreadsheet routes (/api/...) live in the API process, which in production
    // serves this app on the same origin.
    proxy: { '/api': new URL(process.env.THROUGHLINE_API_URL || 'http://127.0.0.1:4000/graphql').origin },
  },
});
