/* Surveyor shopper service worker: keeps opened checklist pages and their assets usable offline.
 *
 * Served from /shop/sw.js, so its scope is /shop/. The server puts two constants before this
 * text (surveyor/web/shop_worker.py): PRECACHE, the style sheet and every module of the app, and
 * VERSION, a digest of those files and of this one. A new deployment therefore changes the
 * worker's bytes, the browser installs it as an update, and it fills a cache of its own.
 *
 * Why the order of the steps matters (each was a way to start offline without the app):
 * - install caches every module (all or nothing: one failed download on a flaky connection
 *   fails the install, and the previous worker keeps serving its complete cache), and refreshes
 *   the checklist pages the previous version had kept, so a cached page is always of the same
 *   version as the modules it imports. Only then does the new worker skip waiting.
 * - activate drops the other versions' caches and claims the open pages.
 * - precached modules are served from this version's cache only (no background refresh), so a
 *   module never comes from a newer deployment than its neighbours.
 * - every page asks to be kept ("keep" message): one loaded before a worker controlled it was
 *   never cached, one open while an update took over may have been kept by the old version
 *   after the new one had carried the pages over. The answer tells the page that it opens
 *   offline (offline.js marks body[data-offline=ready]).
 * Pages are fetched network-first (the shopper sees the newest assignment state when online).
 * Sync and photo requests are never cached: they carry the shop to the server or private
 * images. */
"use strict";

const CACHE = "surveyor-shop-" + VERSION;
const PRECACHED = new Set(PRECACHE);

self.addEventListener("install", (event) => {
  event.waitUntil(fill().then(
    () => self.skipWaiting(),
    (failed) => caches.delete(CACHE).then(() => Promise.reject(failed))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(otherVersions(names).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const reply = event.ports && event.ports[0];
  if (data.type !== "keep" || !reply) return;
  event.waitUntil(keepPages(data.urls || [], Boolean(data.refresh)).then(
    (kept) => reply.postMessage(kept ? "kept" : "missing"),
    () => reply.postMessage("missing")));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (PRECACHED.has(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(staleWhileRevalidate(request));
  } else if (isPage(url)) {
    event.respondWith(networkFirst(request));
  }
});

function otherVersions(names) {
  return names.filter((name) => name.startsWith("surveyor-shop-") && name !== CACHE);
}

function isPage(url) {
  return url.pathname.startsWith("/shop/") && !url.pathname.startsWith("/shop/sync/")
    && !url.pathname.startsWith("/shop/photos/") && url.pathname !== "/shop/sw.js";
}

/* Bypasses the HTTP cache: an asset cached there before the deployment is not this version's. */
function fresh(url) {
  return new Request(url, { cache: "reload", credentials: "same-origin" });
}

async function fill() {
  const cache = await caches.open(CACHE);
  await cache.addAll(PRECACHE.map(fresh));
  const pages = new Set();
  for (const name of otherVersions(await caches.keys())) {
    for (const request of await (await caches.open(name)).keys()) {
      if (isPage(new URL(request.url))) pages.add(request.url);
    }
  }
  for (const url of pages) {
    const response = await fetch(fresh(url)); /* offline: the install fails and is retried */
    if (response.ok && !response.redirected) await cache.put(url, response);
  }
}

/* Every module (again, after a logout emptied the cache) and the pages asked for: fetched when
   ``refresh`` (the page was loaded past the worker, so the cached copy may be older) or missing. */
async function keepPages(urls, refresh) {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const url of PRECACHE) {
    if (!(await cache.match(url))) missing.push(url);
  }
  if (missing.length) await cache.addAll(missing.map(fresh));
  let kept = true;
  for (const url of urls) {
    const target = new URL(url, self.location.origin);
    if (target.origin !== self.location.origin || !isPage(target)) continue;
    const cached = await cache.match(target.pathname);
    if (cached && !(refresh && target.pathname === urls[0])) continue;
    try {
      const response = await fetch(fresh(target.pathname));
      if (response.ok && !response.redirected) await cache.put(target.pathname, response);
      else kept = false;
    } catch (offline) {
      kept = kept && Boolean(cached);
    }
  }
  return kept;
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (offline) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw offline;
  }
}

async function staleWhileRevalidate(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  const refresh = fetch(request).then((response) => {
    if (response.ok) cache.put(request, response.clone());
    return response;
  });
  if (cached) {
    refresh.catch(() => undefined);
    return cached;
  }
  return refresh;
}
