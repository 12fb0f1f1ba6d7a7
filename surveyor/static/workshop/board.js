/* Surveyor workshop board: polls the board, and on a phone sends cards from a queue.
 *
 * The board polls its JSON every 1.5 s with If-None-Match; an unchanged board answers 304.
 * A card is put into a queue in localStorage with an id made here, before anything is sent,
 * so a phone that loses the venue's Wi-Fi keeps its cards and sends them when it is back (on
 * the "online" event and at every poll). The server stores a card once per id, so a resend
 * after a lost answer is harmless.
 *
 * An ES module loaded from a file: the Content-Security-Policy forbids inline script. */

const POLL_MS = 1500;
const KEEP_SENT = 60;

const board = document.getElementById("board");
const form = document.getElementById("card-form");
const messages = {};
document.querySelectorAll("#workshop-messages [data-msg]").forEach((li) => {
  messages[li.dataset.msg] = li.textContent;
});
const msg = (key) => messages[key] || key;

let etag = null;
let world = board.dataset.world || null;

function newId() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function cardItem(card, withAuthor) {
  const item = document.createElement("li");
  item.className = "board-card role-" + card.role;
  item.dataset.clientId = card.client_id;
  const text = document.createElement("p");
  text.textContent = card.text;
  const meta = document.createElement("p");
  meta.className = "small muted";
  const parts = [withAuthor && card.author ? card.author + " (" + card.role_label + ")" : card.role_label];
  for (const extra of [card.touchpoint, card.phase, card.cluster]) if (extra) parts.push(extra);
  meta.textContent = parts.join(" · ");
  item.append(text, meta);
  return item;
}

/* The cursor: the newest card shown and the facilitator's revision it belongs to. A poll with
   it gets only newer cards; a full answer (another revision) replaces the wall. */
let after = null;
let revision = null;

function render(state) {
  world = state.world;
  document.getElementById("board-world").textContent = state.world_label || msg("no_world");
  document.getElementById("board-question").textContent = state.world_question || "";
  const list = document.getElementById("board-cards");
  const withAuthor = board.dataset.withAuthors === "true";
  const items = state.cards.map((card) => cardItem(card, withAuthor));
  if (state.full) list.replaceChildren(...items); else list.append(...items);
  for (const card of state.cards) after = Math.max(after || 0, card.id);
  revision = state.revision;
  if (list.children.length !== state.total) {
    /* A card committed late with a lower id than one already shown: ask for everything. */
    after = null;
    etag = null;
  }
  document.getElementById("board-count").textContent = String(state.total);
}

function boardUrl() {
  if (after === null || revision === null) return board.dataset.boardUrl;
  return board.dataset.boardUrl + "?after=" + after + "&revision=" + revision;
}

async function poll() {
  try {
    const headers = etag ? { "If-None-Match": etag } : {};
    const response = await fetch(boardUrl(), { headers, cache: "no-store", credentials: "same-origin" });
    if (response.status === 200) {
      etag = response.headers.get("ETag");
      render(await response.json());
    }
  } catch (offline) {
    /* No connection: the board stays as it is until the next poll. */
  }
  if (form) await flush();
  setTimeout(poll, POLL_MS);
}

/* ---- the phone's queue ---- */
const queueKey = "surveyor-workshop-cards:" + (board.dataset.cardsUrl || "");
const loadQueue = () => JSON.parse(localStorage.getItem(queueKey) || "[]");
function saveQueue(queue) {
  /* Waiting cards are never dropped; of the sent ones the newest are kept to show. */
  const done = queue.filter((e) => e.state !== "waiting").slice(-KEEP_SENT);
  localStorage.setItem(queueKey, JSON.stringify(queue.filter((e) => e.state === "waiting" || done.includes(e))));
}
let flushing = false;

function showNetwork() {
  const state = document.getElementById("net-state");
  if (state) state.dataset.online = String(navigator.onLine);
}

function renderMine() {
  const list = document.getElementById("my-cards");
  if (!list) return;
  list.replaceChildren(...loadQueue().slice().reverse().map((entry) => {
    const item = document.createElement("li");
    item.className = "board-card mine " + entry.state;
    item.dataset.clientId = entry.id;
    item.dataset.state = entry.state;
    const text = document.createElement("p");
    text.textContent = entry.text;
    const note = document.createElement("p");
    note.className = "small muted";
    note.textContent = entry.state === "rejected" ? msg("rejected") + " " + (entry.message || "") : msg(entry.state);
    item.append(text, note);
    return item;
  }));
}

async function flush() {
  if (flushing) return;
  flushing = true;
  try {
    for (const entry of loadQueue().filter((e) => e.state === "waiting")) {
      const response = await fetch(board.dataset.cardsUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ id: entry.id, text: entry.text, world: entry.world,
          touchpoint_id: entry.touchpoint_id, phase_id: entry.phase_id }),
      });
      if (response.status >= 500) break; /* the server is busy or down: try again later */
      const answer = await response.json().catch(() => ({}));
      if (response.status === 403 || response.status === 404) {
        document.getElementById("card-state").textContent = msg("join");
        break;
      }
      const queue = loadQueue();
      const stored = queue.find((e) => e.id === entry.id);
      if (stored) {
        stored.state = response.ok ? "sent" : "rejected";
        stored.message = response.ok ? "" : answer.message || String(response.status);
        saveQueue(queue);
      }
    }
  } catch (offline) {
    /* No connection: the cards stay waiting on this phone. */
  } finally {
    flushing = false;
    const state = document.getElementById("card-state");
    if (state && state.textContent === msg("waiting") && !loadQueue().some((e) => e.state === "waiting")) {
      state.textContent = "";
    }
    renderMine();
  }
}

if (form) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const state = document.getElementById("card-state");
    const text = form.elements.text.value.trim();
    if (!text) { state.textContent = msg("empty"); return; }
    if (!world) { state.textContent = msg("no_world"); return; }
    const queue = loadQueue();
    queue.push({
      id: newId(), text, world, state: "waiting",
      touchpoint_id: form.elements.touchpoint_id.value || null,
      phase_id: form.elements.phase_id.value || null,
    });
    saveQueue(queue);
    form.elements.text.value = "";
    state.textContent = msg("waiting");
    renderMine();
    flush();
  });
  window.addEventListener("online", () => { showNetwork(); flush(); });
  window.addEventListener("offline", showNetwork);
  showNetwork();
  renderMine();
}

poll();
