// The service worker of offline field entry (issue 12; ADR 1202: hand-written, no build step).
//
// Caches (all named "bhxh-…", all deleted at sign-out by lib/client/offline/runtime.ts):
//   bhxh-shell-<VERSION>  the app shell: Next's hashed static files (/_next/static/…), icons, manifest —
//                         cache first (their names change with their content)
//   bhxh-pages-<userId>   the pages field work needs (the worklist, "Chờ đồng bộ", the registration form,
//                         a person's field and payment pages) as last rendered for THAT user — network
//                         first, the cached copy when there is no answer within NAV_TIMEOUT_MS or no
//                         network (when the answer then arrives, the page is told and refreshes its data:
//                         components/offline/offline-provider.tsx); another user's pages are deleted as soon as a different user signs in
//   bhxh-meta             who the pages belong to
// Nothing else is cached: API answers stay no-store (the queue and the scope's reference data live in
// IndexedDB, lib/client/offline), and sign-in, exports and other pages always go to the network.
const VERSION = "1";
const SHELL = `bhxh-shell-${VERSION}`;
const META = "bhxh-meta";
const NAV_TIMEOUT_MS = 800;
const PAGE_PATHS = [/^\/field$/, /^\/field\/pending$/, /^\/field\/\d+$/, /^\/field\/\d+\/renew$/, /^\/enrollees\/new$/, /^\/enrollees\/\d+\/pay$/];
const SHELL_FILES = ["/manifest.webmanifest", "/icon-192.png", "/icon-512.png", "/icon.svg", "/apple-touch-icon.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((c) => c.addAll(SHELL_FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith("bhxh-shell-") && name !== SHELL) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function currentUser() {
  const r = await (await caches.open(META)).match("/__user");
  return r ? r.text() : null;
}

async function pagesCache() {
  const user = await currentUser();
  return user ? caches.open(`bhxh-pages-${user}`) : null;
}

async function setUser(userId) {
  const user = String(userId);
  await (await caches.open(META)).put("/__user", new Response(user));
  for (const name of await caches.keys()) if (name.startsWith("bhxh-pages-") && name !== `bhxh-pages-${user}`) await caches.delete(name);
}

const isPage = (url) => PAGE_PATHS.some((re) => re.test(url.pathname));

/** A page answer worth keeping: a 200 HTML page of this app that was not a redirect (to sign-in). */
const keepable = (res) => res && res.status === 200 && !res.redirected && (res.headers.get("content-type") || "").includes("text/html");

/** Fetches pages into the cache, with the static files they load (their scripts and styles), so they also run offline. */
async function warm(urls) {
  const cache = await pagesCache();
  if (!cache) return;
  const shell = await caches.open(SHELL);
  for (const u of urls) {
    try {
      const res = await fetch(u, { credentials: "same-origin" });
      if (!keepable(res)) continue;
      const html = await res.clone().text();
      await cache.put(u, res);
      // script and style tags ("/_next/static/…") and the chunks React loads while hydrating ("static/chunks/…")
      const found = html.match(/(?:\/_next\/)?static\/(?:chunks|css|media)\/[^"'\s)\\]+/g) || [];
      const assets = new Set(found.map((a) => (a.startsWith("/_next/") ? a : `/_next/${a}`)));
      for (const a of assets) {
        if (await shell.match(a)) continue;
        const r = await fetch(a);
        if (r.ok) await shell.put(a, r);
      }
    } catch {
      // offline: try next time
    }
  }
}

self.addEventListener("message", (event) => {
  const m = event.data || {};
  if (m.type === "user") event.waitUntil(setUser(m.userId).then(() => m.warm && warm(m.warm)));
  else if (m.type === "warm" && Array.isArray(m.urls)) event.waitUntil(warm(m.urls));
});

async function fromShell(req) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}

async function page(event, url) {
  const cache = await pagesCache();
  const key = url.pathname + url.search;
  let servedStale = false;
  const network = fetch(event.request).then(async (res) => {
    if (cache && keepable(res)) {
      await cache.put(key, res.clone());
      // the copy shown was an older one (slow link): tell the page, which refreshes its data in place
      if (servedStale) for (const c of await self.clients.matchAll({ type: "window" })) c.postMessage({ type: "fresh", path: url.pathname });
    }
    return res;
  });
  const cached = cache ? (await cache.match(key)) || (await cache.match(url.pathname)) : undefined;
  if (!cached) return network.catch(() => offlinePage(cache));
  event.waitUntil(network.catch(() => undefined));
  // network first, but never wait longer than NAV_TIMEOUT_MS when a copy is at hand
  const timeout = new Promise((resolve) =>
    setTimeout(() => {
      servedStale = true;
      resolve(cached);
    }, NAV_TIMEOUT_MS),
  );
  return Promise.race([network.catch(() => cached), timeout]);
}

async function offlinePage(cache) {
  const fallback = cache && ((await cache.match("/field/pending")) || (await cache.match("/field")));
  return (
    fallback ||
    new Response("<!doctype html><meta charset=utf-8><title>Offline</title><p>Không có mạng / Offline</p>", {
      status: 503,
      headers: { "content-type": "text/html; charset=utf-8" },
    })
  );
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/_next/static/") || SHELL_FILES.includes(url.pathname) || url.pathname === "/favicon.ico") {
    event.respondWith(fromShell(req));
    return;
  }
  if (req.mode === "navigate" && isPage(url)) {
    event.respondWith(page(event, url));
  }
});
