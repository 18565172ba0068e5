/** The streamed page: the payload travels in the same stream as the markup that used it. */
import { Suspense } from 'react'
import type { BootstrapPayload } from '@vexil/core'
import { VexilProvider, useSuspenseFlag } from '@vexil/react'
import { App, BOOTSTRAP_ID } from './fixtures'

function Suspended() {
  return <p id="suspended">{useSuspenseFlag('flag-b', 'none')}</p>
}

/** The whole page body, with the bootstrap script before the provider. */
export const Page = ({ bootstrap, json }: { bootstrap: BootstrapPayload | undefined; json: string }) => (
  <div id="app">
    <script type="application/json" id={BOOTSTRAP_ID} dangerouslySetInnerHTML={{ __html: json }} />
    <VexilProvider options={{ persistence: 'memory' }} {...(bootstrap && { bootstrap })}>
      <App />
      <Suspense fallback={<p>loading</p>}>
        <Suspended />
      </Suspense>
    </VexilProvider>
  </div>
)
