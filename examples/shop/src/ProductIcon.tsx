import type { ReactNode } from 'react'

/**
 * Line drawings of the products. Inline SVG rather than emoji: emoji fonts are missing on many
 * Linux machines (and in CI's headless Chromium), where they render as empty boxes.
 */
const PATHS: Record<string, ReactNode> = {
  lamp: (
    <>
      <path d="M20 14h24l8 18H12z" />
      <path d="M32 32v20M22 54h20" />
      <path d="M26 40l6-8 6 8" opacity="0.5" />
    </>
  ),
  mug: (
    <>
      <path d="M14 22h30v22a8 8 0 0 1-8 8H22a8 8 0 0 1-8-8z" />
      <path d="M44 28h4a6 6 0 0 1 0 12h-4" />
      <path d="M22 10c0 4 4 4 4 8M32 10c0 4 4 4 4 8" opacity="0.5" />
    </>
  ),
  headphones: (
    <>
      <path d="M12 40V32a20 20 0 0 1 40 0v8" />
      <rect x="10" y="38" width="10" height="16" rx="4" />
      <rect x="44" y="38" width="10" height="16" rx="4" />
    </>
  ),
  plant: (
    <>
      <path d="M20 40h24l-4 16H24z" />
      <path d="M32 40V22" />
      <path d="M32 30c-10 0-14-6-14-14 8 0 14 4 14 14zM32 26c0-8 4-14 14-14 0 8-4 14-14 14z" />
    </>
  ),
  notebook: (
    <>
      <rect x="16" y="10" width="32" height="44" rx="4" />
      <path d="M24 10v44" />
      <path d="M30 22h12M30 30h12M30 38h8" opacity="0.5" />
    </>
  ),
  backpack: (
    <>
      <path d="M18 26a14 14 0 0 1 28 0v26a4 4 0 0 1-4 4H22a4 4 0 0 1-4-4z" />
      <path d="M26 14a6 6 0 0 1 12 0" />
      <rect x="24" y="36" width="16" height="10" rx="2" />
    </>
  ),
}

export function ProductIcon({ sku, size = 72 }: { sku: string; size?: number }): ReactNode {
  return (
    <svg
      className="product-icon"
      width={size}
      height={size}
      viewBox="0 0 64 64"
      fill="none"
      stroke="currentColor"
      strokeWidth="3"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {PATHS[sku]}
    </svg>
  )
}
