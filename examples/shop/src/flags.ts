/**
 * The demo's flags, declared once so every hook checks keys and value types (see `VexilFlags` in
 * @vexil/react). `vexil typegen` (packages/cli) can write this file from a snapshot.
 */
declare module '@vexil/react' {
  interface VexilFlags {
    'payments-v2': boolean
    'new-checkout': boolean
    'hero-layout': 'banner' | 'carousel' | 'grid'
    banner: string
  }
}

export {}
