import type { Context } from '@vexil/core'

/** The shop's demo users (examples/shop/src/users.ts), as contexts: ids, emails and countries matter to the rules. */
export const SPA_USERS: ReadonlyArray<{ label: string; context: Context }> = [
  { label: 'Ada · beta tester, Germany', context: { userId: 'user-1', email: 'ada@vexil.dev', country: 'DE' } },
  { label: 'Grace · beta tester, USA', context: { userId: 'user-3', email: 'grace@example.com', country: 'US' } },
  { label: 'Linus · Finland', context: { userId: 'user-4', email: 'linus@example.com', country: 'FI' } },
  { label: 'Margaret · France', context: { userId: 'user-5', email: 'margaret@example.com', country: 'FR' } },
  { label: 'Alan · United Kingdom', context: { userId: 'user-7', email: 'alan@example.com', country: 'GB' } },
]

const KEY = 'vexil-spa-user'

/** The index of the user picked last time (kept in localStorage), or 0. */
export function storedUserIndex(): number {
  const i = Number(localStorage.getItem(KEY))
  return Number.isInteger(i) && i >= 0 && i < SPA_USERS.length ? i : 0
}

export function storeUserIndex(i: number): void {
  localStorage.setItem(KEY, String(i))
}
