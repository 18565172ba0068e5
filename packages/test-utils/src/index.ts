/**
 * Helpers shared by the tests, the stories and the e2e fixtures: snapshot and flag builders, the
 * checkout flags several fixtures serve, a ready in-memory client and a fake snapshot service.
 *
 * A private workspace package (like TanStack's `query-test-utils`): imported as `@vexil/test-utils`,
 * read from source, never built or published.
 */
export { snapshotOf, booleanFlag, stringFlag, splitFlag, onInGermany } from './builders'
export { betaBannerFlag, checkoutFlags, discountFlag, newCheckoutFlag, QA_USER, REDESIGN_LAYOUTS, redesignFlag } from './checkoutFlags'
export { bootstrappedClient, fakeSnapshotService } from './clients'
export type { FakeSnapshotService } from './clients'
