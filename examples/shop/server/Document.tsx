import type { ReactNode } from 'react'

export interface DocumentProps {
  title: string
  /** Stylesheets of the client build. */
  css: readonly string[]
  /** Inline JSON scripts, by id; each already escaped for a `<script>` element. */
  data?: Readonly<Record<string, string>>
  /** Re-render the page every n seconds (the results page). */
  refreshSeconds?: number
  children: ReactNode
}

/** The HTML around a server-rendered page. Only `#root` hydrates; the shell is the server's alone. */
export function Document({ title, css, data = {}, refreshSeconds, children }: DocumentProps): ReactNode {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {refreshSeconds !== undefined && <meta httpEquiv="refresh" content={String(refreshSeconds)} />}
        <title>{title}</title>
        <link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M8 1l7 7-7 7-7-7z' fill='%234f46e5'/%3E%3C/svg%3E" />
        {css.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        {Object.entries(data).map(([id, json]) => (
          <script key={id} id={id} type="application/json" dangerouslySetInnerHTML={{ __html: json }} />
        ))}
      </head>
      <body>
        <div id="root">{children}</div>
      </body>
    </html>
  )
}
