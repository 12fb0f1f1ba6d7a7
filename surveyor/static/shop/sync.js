/* Sending the outbox: the shop first, then its photos one by one, until the server has
   acknowledged each. The server stores a shop once per submission id, so resending is safe. */
import { afterShopAnswer, pendingEntries, retryPhotoLater } from "./outbox_rules.js";
import { body } from "./page.js";
import { renderEverything, showState } from "./status.js";
import { idb } from "./store.js";

let flushing = false;

/* A request that hangs on a weak connection is given up, so the next retry can start. */
function timedFetch(url, options, seconds) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), seconds * 1000);
  return fetch(url, Object.assign({ credentials: "same-origin", signal: controller.signal }, options))
    .finally(() => clearTimeout(timer));
}

async function fetchToken() {
  const response = await timedFetch(body.dataset.tokenUrl, { cache: "no-store" }, 30);
  if (response.status === 401) return null;
  if (!response.ok) throw new Error("token " + response.status);
  return (await response.json()).csrf_token;
}

export async function flush() {
  if (flushing) return;
  flushing = true;
  try {
    const pending = pendingEntries(await idb.all("outbox"));
    if (!pending.length) return;
    const token = await fetchToken();
    for (const entry of pending) {
      if (token === null) {
        entry.login = true;
        await idb.put("outbox", entry.assignment, entry);
      } else {
        entry.login = false;
        await send(entry, token);
      }
    }
  } catch (offline) {
    /* No connection (or the server is down): everything stays queued for the next try. */
  } finally {
    flushing = false;
    await renderEverything();
  }
}

async function send(entry, token) {
  if (!entry.shopReceived) {
    showState("sending");
    const response = await timedFetch(entry.submitUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(entry.payload),
    }, 60);
    const answer = await response.json().catch(() => ({}));
    afterShopAnswer(entry, response.status, answer);
    await idb.put("outbox", entry.assignment, entry);
    if (!entry.shopReceived) return;
    await idb.del("drafts", entry.assignment);
  }
  for (const photo of entry.photos.filter((p) => !p.done)) {
    const stored = await idb.get("photos", photo.uploadId);
    if (stored) {
      const upload = new FormData();
      upload.append("submission_id", entry.submissionId);
      upload.append("item", photo.item);
      upload.append("upload_id", photo.uploadId);
      upload.append("photo", stored.blob, stored.name || "photo.jpg");
      const response = await timedFetch(entry.photoUrl, {
        method: "POST", headers: { "X-CSRFToken": token }, body: upload,
      }, 180);
      if (retryPhotoLater(response.status)) return;
      if (!response.ok) photo.error = (await response.json().catch(() => ({}))).message || String(response.status);
      await idb.del("photos", photo.uploadId);
    }
    photo.done = true;
    await idb.put("outbox", entry.assignment, entry);
  }
}
