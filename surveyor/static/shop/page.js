/* The page's parts every module works on: the body's settings, the checklist form and the draft
   being typed (saved to IndexedDB on every change). */

export const body = document.body;
export const form = document.getElementById("checklist");
export const assignment = form ? form.dataset.assignment : null;
export const page = { draft: emptyDraft() };

export function emptyDraft() {
  return { fields: {}, photos: {}, stopwatch: {}, position: null };
}

const messages = {};
document.querySelectorAll("#shop-messages [data-msg]").forEach((li) => {
  messages[li.dataset.msg] = li.textContent;
});

/* The translated text of a message key (the page lists them), or the key itself. */
export const msg = (key) => messages[key] || key;
