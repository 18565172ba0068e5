import type { ReactNode } from 'react'
import { DEMO_USERS } from './users'
import type { DemoUser } from './users'

/**
 * Picks who is shopping. A plain GET form (`?user=`), so switching renders the page again on the
 * server for the new user: what they see is in the first HTML, like a real login. It also works
 * before the JavaScript has loaded. The server remembers the choice in a cookie.
 */
export function UserSwitcher({ user }: { user: DemoUser }): ReactNode {
  const known = DEMO_USERS.some((u) => u.id === user.id)
  return (
    <form className="user-switcher" method="get" action="">
      <label htmlFor="user-select" className="avatar" aria-hidden="true">
        {user.name.slice(0, 1)}
      </label>
      <select
        id="user-select"
        name="user"
        data-testid="user-select"
        aria-label="Shopping as"
        defaultValue={user.id}
        onChange={(e) => e.currentTarget.form?.submit()}
      >
        {!known && <option value={user.id}>Guest ({user.id})</option>}
        {DEMO_USERS.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name} · {u.note}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit">Switch</button>
      </noscript>
    </form>
  )
}
