/**
 * The help text of the `vexil` command line.
 */

/** The text `vexil --help` prints. */
export const USAGE = `Usage: vexil <command> [options]

Commands:
  typegen   Write the typed VexilFlags registry for @vexil/react from a rules snapshot

vexil typegen --snapshot <file|url> --out <file> [options]
  --snapshot <file|url>   the rules snapshot (a JSON file, or the flag service's /v1/snapshot URL)
  --out <file>            the .d.ts to write, e.g. src/vexil-flags.d.ts
  --key <client key>      sent as "Authorization: Bearer <key>" for a URL (default: $VEXIL_CLIENT_KEY)
  --module <name>         the module whose VexilFlags is augmented (default: @vexil/react)
  --include-server-flags  also declare clientSide: false flags (browsers never receive them)
  --string-literals <m>   string flags as unions of their values: auto (when all are tokens such
                          as "dark", not text), always or never (default: auto)
  --check                 write nothing; exit 1 if <out> is missing or out of date (for CI)

Exit codes: 0 done, 1 failed (unreadable or invalid snapshot, out of date with --check), 2 bad usage.
`
