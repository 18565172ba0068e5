const SELECTOR = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])'

/**
 * The elements of `root` that Tab reaches, in document order: enabled, not hidden, not taken out of
 * the tab order.
 *
 * @internal
 */
export function focusable(root: ParentNode): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(SELECTOR)).filter(
    (el) => !el.hasAttribute('disabled') && el.tabIndex >= 0 && !el.closest('[hidden]'),
  )
}

/** The focused element, looking through the shadow root that holds `node`. @internal */
export function activeElement(node: Node): Element | null {
  const root = node.getRootNode() as Document | ShadowRoot
  return root.activeElement ?? null
}
