/* Surveyor mystery-shopper checklist: the entry module, wiring the form to the others.
 *
 * Nothing typed on the phone is lost: every change is saved to IndexedDB at once. "Submit" puts
 * the shop into an outbox with a submission id generated here; the outbox is sent whenever the
 * phone is online (page load, the "online" event, and every 20 seconds) until the server has
 * acknowledged it (sync.js). Photos are kept as blobs in IndexedDB and sent one by one after
 * their shop (photos.js).
 *
 * An ES module loaded from a file (the Content-Security-Policy forbids inline script); the
 * service worker caches it and every module it imports before it takes over (sw.js). */
import { answerProblem, typedValue } from "./answers.js";
import { newId } from "./ids.js";
import { installOffline, pinBelowBar, showNetwork, wireLogout } from "./offline.js";
import { submissionIdFor } from "./outbox_rules.js";
import { assignment, emptyDraft, form, msg, page } from "./page.js";
import { renderPhotos, wirePhotos } from "./photos.js";
import { renderEverything, showErrors, showState } from "./status.js";
import { tickStopwatches, wireStopwatch } from "./stopwatch.js";
import { idb } from "./store.js";
import { flush } from "./sync.js";
import { visitOf, wireVisit } from "./visit.js";

const RETRY_MS = 20000;

function collectFields() {
  const fields = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    if (element.type === "radio") {
      if (element.checked) fields[element.name] = element.value;
    } else if (element.type === "checkbox") {
      fields[element.name] = element.checked;
    } else if (element.type !== "file" && element.type !== "hidden") {
      fields[element.name] = element.value;
    }
  }
  return fields;
}

function restoreFields(fields) {
  for (const element of form.elements) {
    if (!element.name || !(element.name in fields)) continue;
    if (element.type === "radio") element.checked = fields[element.name] === element.value;
    else if (element.type === "checkbox") element.checked = Boolean(fields[element.name]);
    else if (element.type !== "file") element.value = fields[element.name];
  }
}

/* form[data-saving] while a change is on its way into IndexedDB: a page closed before then
   would lose it (a test waits for it to go before it reloads). */
let saving = 0;

async function saveDraft() {
  saving += 1;
  form.dataset.saving = "true";
  try {
    page.draft.fields = collectFields();
    await idb.put("drafts", assignment, page.draft);
    const entry = await idb.get("outbox", assignment);
    if (!entry || entry.state === "invalid" || entry.state === "rejected") showState("draft");
  } finally {
    saving -= 1;
    if (!saving) delete form.dataset.saving;
  }
}

function changed() {
  saveDraft();
  updateProgress();
}

function items() {
  return Array.from(form.querySelectorAll(".shop-item"));
}

function answerOf(fieldset) {
  const key = fieldset.dataset.key;
  const type = fieldset.dataset.type;
  const na = form.elements["na-" + key];
  if (na && na.checked) return { na: true };
  let value = null;
  if (type === "yes_no" || type === "scale" || type === "choice") {
    const checked = fieldset.querySelector("input[type=radio]:checked");
    if (checked) value = type === "scale" ? Number(checked.value) : checked.value;
  } else if (type === "photo") {
    const ids = page.draft.photos[key] || [];
    if (ids.length) value = ids.slice();
  } else {
    const input = form.elements["a-" + key];
    value = typedValue(type, input ? input.value : "");
  }
  return value === null ? null : { value: value };
}

function problemOf(fieldset, answer) {
  const input = form.elements["a-" + fieldset.dataset.key];
  const limits = { required: fieldset.dataset.required === "true" };
  if (input && input.dataset) Object.assign(limits, { min: input.dataset.min, max: input.dataset.max });
  return answerProblem(fieldset.dataset.type, answer, limits);
}

function updateProgress() {
  const counts = {};
  let done = 0;
  for (const fieldset of items()) {
    const section = fieldset.dataset.section;
    counts[section] = counts[section] || [0, 0];
    counts[section][1] += 1;
    if (answerOf(fieldset) !== null) {
      counts[section][0] += 1;
      done += 1;
    }
  }
  const progress = document.getElementById("progress");
  progress.value = done;
  document.getElementById("progress-text").textContent = done + " / " + progress.max + " " + msg("answered");
  document.querySelectorAll("[data-section-count]").forEach((span) => {
    const count = counts[span.dataset.sectionCount] || [0, 0];
    span.textContent = count[0] + " / " + count[1];
  });
}

function applyNotApplicable() {
  for (const fieldset of items()) {
    const na = form.elements["na-" + fieldset.dataset.key];
    const off = Boolean(na && na.checked);
    fieldset.classList.toggle("is-na", off);
    fieldset.querySelectorAll("input, textarea, button").forEach((el) => {
      if (el !== na) el.disabled = off;
    });
  }
}

function showFirstError() {
  showState("fix");
  const first = form.querySelector("[aria-invalid=true]") || document.querySelector(".has-error");
  if (first) {
    first.scrollIntoView({ block: "center" });
    if (first.matches("[aria-invalid=true]")) first.focus({ preventScroll: true });
  }
}

async function submitShop(event) {
  event.preventDefault();
  const answers = {};
  const errors = {};
  const photos = [];
  for (const fieldset of items()) {
    const key = fieldset.dataset.key;
    const answer = answerOf(fieldset);
    const problem = problemOf(fieldset, answer);
    if (problem) errors[key] = msg(problem);
    if (answer !== null) answers[key] = answer;
    if (fieldset.dataset.type === "photo" && answer && !answer.na) {
      for (const uploadId of page.draft.photos[key] || []) photos.push({ uploadId: uploadId, item: key, done: false });
    }
  }
  const visit = visitOf();
  if (!visit.date) errors["visit.date"] = msg("required");
  showErrors(errors);
  if (Object.keys(errors).length) {
    showFirstError();
    return;
  }
  const content = JSON.stringify({ answers: answers, visit: visit });
  const submissionId = submissionIdFor(await idb.get("outbox", assignment), content, newId);
  await idb.put("drafts", assignment, page.draft);
  await idb.put("outbox", assignment, {
    assignment: assignment,
    submitUrl: form.dataset.submitUrl,
    photoUrl: form.dataset.photoUrl,
    submissionId: submissionId,
    content: content,
    payload: { submission_id: submissionId, version_id: Number(form.dataset.version), visit: visit, answers: answers },
    photos: photos,
    state: "queued",
    shopReceived: false,
    queuedAt: Date.now(),
  });
  showState("queued");
  flush();
}

async function initChecklist() {
  const earlier = await idb.get("outbox", assignment);
  if (earlier && earlier.state === "received" && form.dataset.status === "returned") {
    await idb.del("outbox", assignment);
  }
  const saved = await idb.get("drafts", assignment);
  if (saved) {
    page.draft = Object.assign(emptyDraft(), saved);
    restoreFields(page.draft.fields);
  }
  wireVisit(saveDraft);
  for (const fieldset of items()) {
    if (fieldset.dataset.type === "photo") {
      wirePhotos(fieldset, changed);
      renderPhotos(fieldset, changed);
    }
    if (fieldset.dataset.type === "duration") wireStopwatch(fieldset, changed);
  }
  setInterval(tickStopwatches, 500);
  const onChange = (event) => {
    if (event.target.matches("[data-photo-input]")) return;
    applyNotApplicable();
    changed();
  };
  form.addEventListener("input", onChange);
  form.addEventListener("change", onChange);
  form.addEventListener("submit", submitShop);
  applyNotApplicable();
  updateProgress();
  if (saved) showState("draft");
  form.dataset.ready = "true";
}

async function start() {
  showNetwork();
  window.addEventListener("online", () => { showNetwork(); flush(); });
  window.addEventListener("offline", showNetwork);
  window.addEventListener("resize", pinBelowBar);
  wireLogout();
  installOffline();
  if (form) await initChecklist();
  await renderEverything();
  flush();
  setInterval(flush, RETRY_MS);
}

start();
