'use client'
import { Component } from 'react'
import type { ReactNode } from 'react'

/** Props of {@link OverlayBoundary}. @internal */
export interface OverlayBoundaryProps {
  /** What the warning calls the part that failed, e.g. "the devtools panel". */
  part: string
  children?: ReactNode
}

/**
 * Catches what a part of the overlay throws (its chunk failed to load, a bug in it) and renders
 * nothing in its place: the devtools must never unmount the app they inspect, and an app seldom
 * has an error boundary of its own above them.
 *
 * @internal
 */
export class OverlayBoundary extends Component<OverlayBoundaryProps, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  override componentDidCatch(error: unknown): void {
    console.warn(`[vexil] ${this.props.part} failed and is not shown:`, error)
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children
  }
}
