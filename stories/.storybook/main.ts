import type { StorybookConfig } from '@storybook/react-vite'
import { defaultClientConditions, mergeConfig } from 'vite'
import type { UserConfig } from 'vite'

const vexilVite: UserConfig = {
  // Stories import @vexil/* by name; the "@vexil/source" export condition makes Vite read each
  // package's TypeScript source, so Storybook needs no build of the packages first.
  resolve: { conditions: ['@vexil/source', ...defaultClientConditions] },
  build: {
    // Storybook's own preview bundle is over Vite's 500 kB hint; ours are small lazy chunks.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // The packages' 'use client' directives are for React Server Components bundlers; a
      // client-only bundle drops them on purpose, so Rollup's notice about it (and its failure to
      // place that notice in the source map, SOURCEMAP_ERROR) is only noise.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' || warning.code === 'SOURCEMAP_ERROR') return
        warn(warning)
      },
    },
  },
  define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV ?? 'development') },
}

const config: StorybookConfig = {
  stories: ['../**/*.stories.@(ts|tsx)'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (vite) => mergeConfig(vite, vexilVite),
}

export default config
