import { useState } from 'react'
import type { ReactNode } from 'react'
import { Banner } from './Banner'
import { Header } from './Header'
import { Hero } from './Hero'
import { ProductGrid } from './ProductGrid'
import { Footer } from './Footer'
import { Toast } from './Toast'
import type { ToastMessage } from './Toast'
import type { ShopPageProps } from './pageProps'

/** The storefront. Every flagged part reads its own flag, so a flag change re-renders only that part. */
export function App({ page }: { page: ShopPageProps }): ReactNode {
  const [toast, setToast] = useState<ToastMessage | undefined>(undefined)
  return (
    <div className="shop">
      <Banner />
      <Header user={page.user} />
      <main className="main">
        <Hero onToast={setToast} />
        <ProductGrid onToast={setToast} />
      </main>
      <Footer page={page} />
      <Toast message={toast} onClose={() => setToast(undefined)} />
    </div>
  )
}
