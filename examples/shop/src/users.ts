/**
 * The demo's people. Each one is picked to land somewhere different in examples/flags.json: a beta
 * tester (segment), EU and non-EU countries (banner rule), and every arm of the hero experiment.
 */
import type { Context } from '@vexil/core'

/** A demo shopper: what the header shows and what becomes the evaluation context. */
export interface DemoUser {
  id: string
  name: string
  email: string
  country: string
  /** Shown in the switcher so a newcomer knows why this user sees what they see. */
  note: string
}

/** The people the user switcher offers. */
export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'user-1', name: 'Ada', email: 'ada@vexil.dev', country: 'DE', note: 'beta tester, Germany' },
  { id: 'user-3', name: 'Grace', email: 'grace@example.com', country: 'US', note: 'beta tester, USA' },
  { id: 'user-4', name: 'Linus', email: 'linus@example.com', country: 'FI', note: 'Finland' },
  { id: 'user-5', name: 'Margaret', email: 'margaret@example.com', country: 'FR', note: 'France' },
  { id: 'user-7', name: 'Alan', email: 'alan@example.com', country: 'GB', note: 'United Kingdom' },
]

/** A visitor who picked no demo user: known only by the id in their cookie. */
export function anonymousUser(id: string): DemoUser {
  return { id, name: 'Guest', email: '', country: 'US', note: 'anonymous visitor' }
}

/** The demo user with this id, or an anonymous visitor with it. */
export function findUser(id: string): DemoUser {
  return DEMO_USERS.find((u) => u.id === id) ?? anonymousUser(id)
}

/** The evaluation context of a user: what the flags' rules and segments read. */
export function contextOf(user: DemoUser): Context {
  return user.email ? { userId: user.id, email: user.email, country: user.country } : { userId: user.id, country: user.country }
}
