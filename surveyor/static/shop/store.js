/* IndexedDB: drafts, outbox and photo blobs, each keyed by a string. */

let opened = null;

function openDb() {
  if (!opened) {
    opened = new Promise((resolve, reject) => {
      const request = indexedDB.open("surveyor-shop", 1);
      request.onupgradeneeded = () => {
        for (const name of ["drafts", "outbox", "photos"]) {
          if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
        }
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  return opened;
}

async function run(store, mode, action) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(store, mode);
    const request = action(transaction.objectStore(store));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

export const idb = {
  get: (store, key) => run(store, "readonly", (s) => s.get(String(key))),
  put: (store, key, value) => run(store, "readwrite", (s) => s.put(value, String(key))),
  del: (store, key) => run(store, "readwrite", (s) => s.delete(String(key))),
  all: (store) => run(store, "readonly", (s) => s.getAll()),
};
