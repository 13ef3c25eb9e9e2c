{% load static %}// KIM Portal service worker: keeps the village home and the last articles
// read available with no connection. Pages come from the network when it
// answers, from this cache when it does not; a page never kept gets the
// offline page, which says so (never the home page in its place).
"use strict";
const VERSION = "{{ version }}";
const PAGES = "kim-pages-" + VERSION;
const ASSETS = "kim-assets-" + VERSION;
const MAX_ARTICLES = 10;
const MAX_IMAGES = 40;
const OFFLINE = "{% url 'pages:offline' %}";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(ASSETS).then((cache) => cache.addAll(["{% static 'js/offline.js' %}"]))
      .then(() => caches.open(PAGES)).then((cache) => cache.addAll(["/", OFFLINE]))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(
      keys.filter((key) => key.startsWith("kim-") && !key.endsWith(VERSION)).map((key) => caches.delete(key))
    )).then(() => self.clients.claim())
  );
});

async function trim(cacheName, keep, prefix) {
  const cache = await caches.open(cacheName);
  const keys = (await cache.keys()).filter((r) => new URL(r.url).pathname.startsWith(prefix));
  for (const request of keys.slice(0, Math.max(0, keys.length - keep))) await cache.delete(request);
}

async function networkFirst(request) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    const path = new URL(request.url).pathname;
    if (response.ok && (path === "/" || path.startsWith("/berita/"))) {
      await cache.delete(request);  // re-add so the newest read is kept longest
      await cache.put(request, response.clone());
      await trim(PAGES, MAX_ARTICLES, "/berita/");
    }
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    return (await cache.match(OFFLINE)) || Response.error();
  }
}

async function cacheFirst(request, cacheName, limit, prefix) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
    if (limit) await trim(cacheName, limit, prefix);
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request, ASSETS));
  } else if (url.pathname.startsWith("/media/")) {
    event.respondWith(cacheFirst(request, ASSETS, MAX_IMAGES, "/media/"));
  }
});
