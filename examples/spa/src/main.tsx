/**
 * The same flags as the shop, in a client-only app: no server render, so the first paint is a
 * loading state until the client has a snapshot. On later visits that snapshot comes from IndexedDB
 * at once, and the app starts even when the flag service (or the network) is down.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { SpaRoot } from './SpaRoot'
import './styles.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SpaRoot />
  </StrictMode>,
)
