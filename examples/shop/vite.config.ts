import { defineConfig, defaultClientConditions } from 'vite'
import react from '@vitejs/plugin-react'

/**
 * The client bundle only: the server renders with the same components through tsx. `@vexil/source`
 * resolves the workspace packages to their TypeScript source, so the demo needs no package build.
 */
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@vexil/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    rollupOptions: { input: 'src/entry-client.tsx' },
  },
})
