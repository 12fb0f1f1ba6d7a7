/* The offline shell: registering the service worker, asking it to keep this page (a page loaded
   before the worker controlled it never went through it), the network notice, and forgetting
   the cached pages on logout. The worker caches every module itself, before it takes over
   (sw.js), so a page here never has to know the list. */
import { body } from "./page.js";

export function installOffline() {
  if (!("serviceWorker" in navigator) || !body.dataset.sw) return;
  const loadedPastWorker = !navigator.serviceWorker.controller;
  navigator.serviceWorker.register(body.dataset.sw, { scope: "/shop/" }).catch(() => undefined);
  navigator.serviceWorker.ready
    .then((registration) => keepThisPage(registration.active, loadedPastWorker));
  /* a new version took over: it keeps this page too, in its own cache */
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    delete body.dataset.offline;
    keepThisPage(navigator.serviceWorker.controller, false);
  });
}

/* Asks the worker to keep this page and the list of assignments; ``refresh``: this page did
   not come through the worker, so its cached copy (if any) is older than the one shown. */
function keepThisPage(worker, refresh) {
  if (!worker) return;
  const channel = new MessageChannel();
  channel.port1.onmessage = (event) => {
    if (event.data === "kept") body.dataset.offline = "ready"; /* it opens offline */
  };
  const urls = [location.pathname, body.dataset.pages].filter(Boolean);
  worker.postMessage({ type: "keep", urls, refresh }, [channel.port2]);
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

/* Every version's cache goes: the pages in it are the shopper's. The outbox (IndexedDB) stays. */
export function wireLogout() {
  const logout = document.getElementById("logout");
  if (!logout || !("caches" in window)) return;
  logout.addEventListener("submit", (event) => {
    event.preventDefault();
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith("surveyor-shop-"))
        .map((name) => caches.delete(name))))
      .finally(() => logout.submit());
  });
}
