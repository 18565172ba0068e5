/**
 * Runs the shop: `SHOP_PORT` (default 3000), `VEXIL_URL` (the flag service, default
 * `http://127.0.0.1:4000`). Normally started by `npm start` (scripts/start.mjs), which also starts
 * the flag service and builds the client first.
 */
import { fileURLToPath } from 'node:url'
import { startShop } from './shopServer'

const dir = (p: string): string => fileURLToPath(new URL(p, import.meta.url))

const port = Number(process.env.SHOP_PORT ?? 3000)
const shop = await startShop({
  port,
  flagServiceUrl: process.env.VEXIL_URL ?? 'http://127.0.0.1:4000',
  environment: process.env.VEXIL_ENVIRONMENT ?? 'development',
  clientDir: dir('../dist/client'),
  spaDir: dir('../../spa/dist'),
}).catch((error: unknown) => {
  const code = (error as { code?: string }).code
  console.error(code === 'EADDRINUSE' ? `shop: port ${port} is taken; set SHOP_PORT (0 picks a free one)` : `shop: ${(error as Error).message}`)
  process.exit(1)
})
// Under scripts/start.mjs the parent prints every URL together; alone, say where we are.
if (process.send) process.send({ ready: shop.url })
else console.log(`shop listening on ${shop.url}`)

let stopping = false
const stop = (): void => {
  if (stopping) return
  stopping = true
  shop.close().then(() => process.exit(0), () => process.exit(1))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
// Started with an IPC channel by scripts/start.mjs: if that parent dies without a word, so do we.
process.on('disconnect', stop)
