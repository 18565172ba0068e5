import { defineConfig, defaultClientConditions } from 'vite'
import react from '@vitejs/plugin-react'

/**
 * Built under `/spa/` so the shop's server can serve it beside the shop (same origin, same
 * `/vexil/` proxy). `npm run dev -w @vexil/example-spa` proxies `/vexil/` to the flag service itself.
 */
export default defineConfig({
  base: '/spa/',
  plugins: [react()],
  resolve: { conditions: ['@vexil/source', ...defaultClientConditions] },
  server: {
    proxy: {
      '/vexil': { target: process.env.VEXIL_URL ?? 'http://127.0.0.1:4000', rewrite: (p) => p.replace(/^\/vexil/, '') },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true },
})
