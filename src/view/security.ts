/**
 * The Content Security Policy of every page: scripts, styles, pictures and requests from the site
 * itself only (Pagefind's WebAssembly included), no plugins, no inline script or style. Sent in a
 * meta tag, and as a header where the host reads a `_headers` file.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");
