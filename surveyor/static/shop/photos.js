/* Photos: shrunk on the phone, kept as blobs until their upload is acknowledged. `changed` saves
   the draft and updates the progress after the shopper added or removed one. */
import { newId } from "./ids.js";
import { assignment, msg, page } from "./page.js";
import { idb } from "./store.js";

const MAX_EDGE = 2048;

async function shrink(file) {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type)) throw new Error("type");
  if (!window.createImageBitmap) return file;
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
  if (scale === 1 && file.size < 2500000) {
    bitmap.close();
    return file;
  }
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob || file), "image/jpeg", 0.85));
}

function dataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

export async function renderPhotos(fieldset, changed) {
  const key = fieldset.dataset.key;
  const list = fieldset.querySelector("[data-photo-list]");
  list.textContent = "";
  for (const uploadId of page.draft.photos[key] || []) {
    const stored = await idb.get("photos", uploadId);
    const li = document.createElement("li");
    if (stored) {
      const img = document.createElement("img");
      img.alt = "";
      img.src = await dataUrl(stored.blob);
      li.appendChild(img);
    }
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "link danger";
    remove.textContent = msg("remove");
    remove.addEventListener("click", async () => {
      page.draft.photos[key] = (page.draft.photos[key] || []).filter((id) => id !== uploadId);
      await idb.del("photos", uploadId);
      renderPhotos(fieldset, changed);
      changed();
    });
    li.appendChild(remove);
    list.appendChild(li);
  }
}

export function wirePhotos(fieldset, changed) {
  const key = fieldset.dataset.key;
  fieldset.querySelector("[data-photo-input]").addEventListener("change", async (event) => {
    const error = document.getElementById("e-" + key);
    error.hidden = true;
    for (const file of Array.from(event.target.files)) {
      try {
        const blob = await shrink(file);
        const uploadId = newId();
        await idb.put("photos", uploadId, { blob: blob, name: file.name, assignment: assignment, item: key });
        page.draft.photos[key] = (page.draft.photos[key] || []).concat([uploadId]);
      } catch (unreadable) {
        error.textContent = msg("photo_failed") + " " + file.name;
        error.hidden = false;
      }
    }
    event.target.value = "";
    await renderPhotos(fieldset, changed);
    changed();
  });
}
