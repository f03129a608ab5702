// The service worker of offline field entry (issue 12; ADR 1202: hand-written, no build step).
//
// Caches (all named "bhxh-…", all deleted at sign-out by lib/client/offline/runtime.ts):
//   bhxh-shell-<VERSION>  the app shell: Next's hashed static files (/_next/static/…), icons, manifest —
//                         cache first (their names change with their content)
//   bhxh-pages-<userId>   the pages field work needs (the worklist, "Chờ đồng bộ", the registration form,
//                         a person's field and payment pages) as last rendered for THAT user — stale while
//                         revalidate: a kept copy is shown at once and the network's answer replaces it in
//                         the background; when that answer differs from the copy shown (or says the session
//                         ended), the page is told and refreshes its data in place
//                         (components/offline/offline-provider.tsx asks once it has hydrated). A page not
//                         kept yet goes to the network. Another user's pages are deleted as soon as a
//                         different user signs in
//   bhxh-meta             who the pages belong to
// Nothing else is cached: API answers stay no-store (the queue and the scope's reference data live in
// IndexedDB, lib/client/offline), and sign-in, exports and other pages always go to the network.
const VERSION = "3";
const SHELL = `bhxh-shell-${VERSION}`;
const META = "bhxh-meta";
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

/** Static files named in a page or a script: script and style tags ("/_next/static/…"), the chunks React
 *  loads while hydrating and the ones code loads later on demand ("static/chunks/…" inside the scripts). */
const ASSET = /(?:\/_next\/)?static\/(?:chunks|css|media)\/[^"'\s)\\]+/g;
const assetsIn = (text) => (text.match(ASSET) || []).map((a) => (a.startsWith("/_next/") ? a : `/_next/${a}`));

/** A kept page younger than this is not fetched again to warm the cache (each page load asks for it). */
const WARM_MAX_AGE_MS = 60 * 60_000;
/** Pages whose network answer is on its way (shown from the cache meanwhile): warming skips them. */
const inflight = new Set();

/** Fetches pages into the cache, with the static files they load — also those their scripts load later
 *  (the forms' checks, the queue's storage) — so they also run offline. Pages kept less than an hour ago
 *  are left as they are: on a slow link every app start would otherwise fetch them all again. */
async function warm(urls) {
  const cache = await pagesCache();
  if (!cache) return;
  const shell = await caches.open(SHELL);
  for (const u of urls) {
    try {
      if (inflight.has(u)) continue;
      const kept = await cache.match(u);
      const keptAt = kept ? Date.parse(kept.headers.get("date") || "") : NaN;
      if (Date.now() - keptAt < WARM_MAX_AGE_MS) continue;
      const res = await fetch(u, { credentials: "same-origin" });
      if (!keepable(res)) continue;
      const html = await res.clone().text();
      await cache.put(u, res);
      const todo = assetsIn(html);
      const seen = new Set(todo);
      while (todo.length) {
        const a = todo.shift();
        let r = await shell.match(a);
        if (!r) {
          r = await fetch(a);
          if (!r.ok) continue;
          await shell.put(a, r.clone());
        }
        if (!a.endsWith(".js")) continue;
        for (const b of assetsIn(await r.text()))
          if (!seen.has(b)) {
            seen.add(b);
            todo.push(b);
          }
      }
    } catch {
      // offline: try next time
    }
  }
}

/** Pages shown from the cache whose network answer is still on its way: client id → did it change? */
const revalidating = new Map();

/** Pages a page asked to keep before the worker knew the user (the first visit): kept once it does. */
let warmLater = [];

self.addEventListener("message", (event) => {
  const m = event.data || {};
  if (m.type === "user")
    event.waitUntil(
      setUser(m.userId).then(() => {
        const urls = [...(m.warm || []), ...warmLater];
        warmLater = [];
        return warm(urls);
      }),
    );
  else if (m.type === "warm" && Array.isArray(m.urls))
    event.waitUntil(
      currentUser().then((user) => {
        if (user) return warm(m.urls);
        warmLater = m.urls;
      }),
    );
  else if (m.type === "hello" && event.source) {
    // a page has hydrated and listens: if it was shown from the cache, tell it when the network's answer changed it
    const id = event.source.id;
    const pending = revalidating.get(id);
    if (pending)
      event.waitUntil(
        pending.then((changed) => {
          revalidating.delete(id);
          if (changed) event.source.postMessage({ type: "fresh", path: m.path });
        }),
      );
  }
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
  const cached = cache ? (await cache.match(key)) || (await cache.match(url.pathname)) : undefined;
  const network = fetch(event.request);
  if (!cached)
    return network
      .then(async (res) => {
        if (cache && keepable(res)) await cache.put(key, res.clone());
        return res;
      })
      .catch(() => offlinePage(cache));
  // stale while revalidate: the kept copy at once (an installed app opens without waiting for a slow
  // link); the network's answer replaces it, and the page learns whether what it shows has changed
  inflight.add(key);
  const changed = revalidate(cache, key, cached.clone(), network).finally(() => inflight.delete(key));
  if (event.resultingClientId) {
    revalidating.set(event.resultingClientId, changed);
    setTimeout(() => revalidating.delete(event.resultingClientId), 5 * 60_000);
  }
  event.waitUntil(changed);
  return cached;
}

/** Keeps the network's answer for next time; true when the page shown from the cache is out of date
 *  (the content differs, or the session has ended or the person is gone: the refresh shows that), false
 *  when it is the same or there is no answer (offline, a server error). */
async function revalidate(cache, key, shown, network) {
  try {
    const res = await network;
    if (keepable(res)) {
      const fresh = await res.clone().text();
      await cache.put(key, res);
      return fresh !== (await shown.text());
    }
    return res.redirected || (res.status >= 400 && res.status < 500);
  } catch {
    return false;
  }
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
