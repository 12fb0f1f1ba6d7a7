/* The offline shell: the service worker, a copy of this page and every script and style it
   needs (the body's data-assets lists them), the network notice, and forgetting it all on
   logout. */
import { body } from "./page.js";

const CACHE = "surveyor-shop-v1";

export function installOffline() {
  if ("serviceWorker" in navigator && body.dataset.sw) {
    navigator.serviceWorker.register(body.dataset.sw, { scope: "/shop/" }).catch(() => undefined);
  }
  const controlled = "serviceWorker" in navigator && navigator.serviceWorker.controller;
  if (controlled || !("caches" in window) || !navigator.onLine) return;
  const assets = [body.dataset.pages].concat((body.dataset.assets || "").split(" "));
  caches.open(CACHE).then(async (cache) => {
    await Promise.all(assets.filter(Boolean).map((url) => keep(cache, url)));
    await keep(cache, location.pathname); /* last: a cached page finds every module it imports */
  });
}

function keep(cache, url) {
  return fetch(url, { credentials: "same-origin" })
    .then((response) => (response.ok && !response.redirected ? cache.put(url, response) : null))
    .catch(() => null);
}

export function showNetwork() {
  const state = document.getElementById("net-state");
  if (state) state.dataset.online = String(navigator.onLine);
  pinBelowBar();
}

/* The sticky progress counter sits right below the sticky bar, whose height changes when the
   longer offline notice wraps onto a second line on a phone. */
export function pinBelowBar() {
  const bar = document.querySelector(".shop-bar");
  if (bar) document.documentElement.style.setProperty("--shop-bar-height", bar.offsetHeight + "px");
}

export function wireLogout() {
  const logout = document.getElementById("logout");
  if (!logout || !("caches" in window)) return;
  logout.addEventListener("submit", (event) => {
    event.preventDefault();
    caches.delete(CACHE).finally(() => logout.submit());
  });
}
