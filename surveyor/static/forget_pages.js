/* After logout: delete the pages the shop's service worker kept for offline use.
 *
 * The cache holds checklist and assignment pages of the account that just logged out; the next
 * person on this device must not open them offline. Unsent shops live in IndexedDB, not here, and
 * stay until they are sent. */
"use strict";

if ("caches" in window) {
  caches.keys().then((names) => Promise.all(
    names.filter((name) => name.startsWith("surveyor-shop-")).map((name) => caches.delete(name))));
}
