/**
 * Whether the app was built for production. Bundlers replace `process.env.NODE_ENV` with a literal;
 * where none did and `process` does not exist (a plain ES module in a browser), reading it throws,
 * and the page is treated as a development build, which is where the devtools are meant to run.
 *
 * @internal
 */
export function isProduction(): boolean {
  try {
    return process.env.NODE_ENV === 'production'
  } catch {
    return false
  }
}
