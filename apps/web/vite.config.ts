import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const contracts = fileURLToPath(new URL('../../packages/contracts/src/index.ts', import.meta.url));
const apiTarget = process.env.ORDERCARE_API_URL ?? 'http://127.0.0.1:3000';

const VENDOR_CHUNKS: Record<string, RegExp> = {
  react: /node_modules\/(react|react-dom|scheduler)\//,
  mantine: /node_modules\/(@mantine|@floating-ui|react-remove-scroll|react-number-format|clsx|dayjs|klona|fast-deep-equal)/,
  tanstack: /node_modules\/@tanstack\//,
  i18n: /node_modules\/(i18next|react-i18next)\//,
  zod: /node_modules\/zod\//,
};

/** Long-lived vendor chunks so that app releases do not bust their cache. */
function vendorChunk(id: string): string | undefined {
  for (const [name, pattern] of Object.entries(VENDOR_CHUNKS)) {
    if (pattern.test(id)) return `vendor-${name}`;
  }
  return undefined;
}

export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: {
    alias: { '@ordercare/contracts': contracts },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
      onwarn(warning, warn) {
        // zod ships comments Rollup cannot place; harmless.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
});
