// The Content-Security-Policy of the built app and the benchmark page: as a <meta> tag in every
// built HTML page, and as a header from `vite preview`. Not in dev: Vite's React refresh
// preamble is an inline script.
import type { Plugin } from 'vite';

/**
 * Scripts only from the app's origin, plus exactly what tfjs needs (measured, see the README):
 * 'wasm-unsafe-eval' to compile its WebAssembly, and blob: for the WASM backend's thread pool,
 * whose workers start from a Blob and load the backend's factory from another (Emscripten's
 * pthreads). No inline script, no eval, no plugins, no <base>.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  // Exported chart PNGs draw the chart's SVG from a Blob; the QR code and digit images are data.
  "img-src 'self' data: blob:",
  // Style sheets only from the app; style attributes (React's style props: the progress bar,
  // the charts' SVG, the drag preview; 200 in one session) are allowed, as they run nothing.
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** As a <meta> tag (frame-ancestors has no effect there, so it is header-only). */
export const CSP_META = DIRECTIVES.join('; ');
/** As the preview server's header. */
export const CSP_HEADER = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'cnn-playground-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META }, injectTo: 'head-prepend' }],
    },
  };
}
