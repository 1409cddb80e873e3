// The app's service worker: precaches the built app so it starts with the network off.
// scripts/sw/plugin.ts fills in VERSION and PRECACHE at build time. The MNIST files are not
// precached here: the training worker keeps verified copies of them in its own cache.

const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `app-${VERSION}`;
const APP_CACHE_PREFIX = 'app-';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(APP_CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

// The preview and many hosts send `Vary: Origin`; module scripts carry an Origin header and the
// precache requests did not, so matching must ignore Vary or nothing would ever match.
const MATCH = { ignoreVary: true };

/** Network first, so a new version shows when online; the cached copy when not. */
async function networkFirst(request, fallbackUrl) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = (await caches.match(request, { ...MATCH, ignoreSearch: true })) ?? (fallbackUrl && (await caches.match(fallbackUrl, MATCH)));
    if (cached) return cached;
    throw error;
  }
}

/** Hashed build files never change: the cache answers, the network only when missing. */
async function cacheFirst(request) {
  return (await caches.match(request, MATCH)) ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.includes('/data/')) return; // the dataset loader caches and verifies these itself
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, new URL('./', self.registration.scope).href));
  } else if (url.pathname.includes('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request, null));
  }
});
