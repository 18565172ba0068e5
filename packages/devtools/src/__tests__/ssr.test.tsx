/** On the server the devtools render nothing, so server markup and the hydrating render agree. */
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { VexilProvider } from '@vexil/react'
import { VexilDevtools } from '../index'
import { VexilDevtools as ProductionDevtools } from '../production'
import { testClient } from './fixtures'

describe('server rendering', () => {
  it('renders no markup, even open and enabled, and touches no DOM', () => {
    const client = testClient()
    const html = renderToString(
      <VexilProvider client={client}>
        <p>app</p>
        <VexilDevtools initialIsOpen enabled />
        <ProductionDevtools initialIsOpen />
      </VexilProvider>,
    )
    expect(html).toBe('<p>app</p>')
  })
})
