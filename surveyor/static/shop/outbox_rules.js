/* The outbox's rules, apart from IndexedDB and the network: what still has to be sent, when a
   resubmission keeps its submission id (so the server stores the shop once), and what a
   server's answer does to an entry. */

export function pendingEntries(entries) {
  return entries.filter((entry) =>
    entry.state === "queued" || (entry.state === "received" && entry.photos.some((p) => !p.done)));
}

/* The same answers submitted again while still queued keep their id: the server dedups on it. */
export function submissionIdFor(earlier, content, makeId) {
  const same = earlier && earlier.state === "queued" && earlier.content === content;
  return same ? earlier.submissionId : makeId();
}

/* Applies the server's answer to a sent shop. 5xx and 429 leave it queued for the next try. */
export function afterShopAnswer(entry, status, answer) {
  if (status >= 200 && status < 300) {
    entry.shopReceived = true;
    entry.state = "received";
    entry.responseId = answer.response_id;
  } else if (status === 401) {
    entry.login = true;
  } else if (status === 422) {
    entry.state = "invalid";
    entry.errors = answer.errors || {};
  } else if (status < 500 && status !== 429) {
    entry.state = "rejected";
    entry.message = answer.message || String(status);
  }
  return entry;
}

/* A photo upload is tried again later on a server error, a lost login or a throttle. */
export function retryPhotoLater(status) {
  return status >= 500 || status === 401 || status === 429;
}

export function entryState(entry) {
  if (entry.state === "queued" && entry.login) return "login";
  if (entry.state === "received" && entry.photos.some((p) => !p.done)) return "received_photos";
  return entry.state;
}
