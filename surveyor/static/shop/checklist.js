/* Surveyor mystery-shopper checklist: autosave, offline outbox, stopwatch, photos, position.
 *
 * Nothing typed on the phone is lost: every change is saved to IndexedDB at once. "Submit" puts
 * the shop into an outbox with a submission id generated here; the outbox is sent whenever the
 * phone is online (page load, the "online" event, and every 20 seconds) until the server has
 * acknowledged it. The server stores a shop once per submission id, so resending is always safe.
 * Photos are kept as blobs in IndexedDB and sent one by one after their shop.
 *
 * Loaded as an external file (the Content-Security-Policy forbids inline script). */
"use strict";

(function () {
  const CACHE = "surveyor-shop-v1";
  const RETRY_MS = 20000;
  const MAX_EDGE = 2048;
  const body = document.body;
  const messages = {};
  document.querySelectorAll("#shop-messages [data-msg]").forEach((li) => {
    messages[li.dataset.msg] = li.textContent;
  });
  const msg = (key) => messages[key] || key;

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  /* ---- IndexedDB: drafts, outbox and photo blobs, each keyed by a string ---- */
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
  const idb = {
    get: (store, key) => run(store, "readonly", (s) => s.get(String(key))),
    put: (store, key, value) => run(store, "readwrite", (s) => s.put(value, String(key))),
    del: (store, key) => run(store, "readwrite", (s) => s.delete(String(key))),
    all: (store) => run(store, "readonly", (s) => s.getAll()),
  };

  /* ---- offline shell: service worker plus a copy of this page and its assets ---- */
  function installOffline() {
    if ("serviceWorker" in navigator && body.dataset.sw) {
      navigator.serviceWorker.register(body.dataset.sw, { scope: "/shop/" }).catch(() => undefined);
    }
    const controlled = "serviceWorker" in navigator && navigator.serviceWorker.controller;
    if (controlled || !("caches" in window) || !navigator.onLine) return;
    const urls = [location.pathname, body.dataset.pages].concat((body.dataset.assets || "").split(" "));
    caches.open(CACHE).then((cache) => Promise.all(urls.filter(Boolean).map((url) =>
      fetch(url, { credentials: "same-origin" })
        .then((response) => (response.ok && !response.redirected ? cache.put(url, response) : null))
        .catch(() => null))));
  }

  function showNetwork() {
    const state = document.getElementById("net-state");
    if (state) state.dataset.online = String(navigator.onLine);
    pinBelowBar();
  }

  /* The sticky progress counter sits right below the sticky bar, whose height changes when the
     longer offline notice wraps onto a second line on a phone. */
  function pinBelowBar() {
    const bar = document.querySelector(".shop-bar");
    if (bar) document.documentElement.style.setProperty("--shop-bar-height", bar.offsetHeight + "px");
  }

  /* ---- the outbox ---- */
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

  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      const pending = (await idb.all("outbox")).filter((entry) =>
        entry.state === "queued" || (entry.state === "received" && entry.photos.some((p) => !p.done)));
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
      if (response.ok) {
        entry.shopReceived = true;
        entry.state = "received";
        entry.responseId = answer.response_id;
        await idb.put("outbox", entry.assignment, entry);
        await idb.del("drafts", entry.assignment);
      } else {
        if (response.status === 401) {
          entry.login = true;
        } else if (response.status === 422) {
          entry.state = "invalid";
          entry.errors = answer.errors || {};
        } else if (response.status < 500 && response.status !== 429) {
          entry.state = "rejected";
          entry.message = answer.message || String(response.status);
        }
        await idb.put("outbox", entry.assignment, entry);
        return;
      }
    }
    for (const photo of entry.photos.filter((p) => !p.done)) {
      const stored = await idb.get("photos", photo.uploadId);
      if (stored) {
        const form = new FormData();
        form.append("submission_id", entry.submissionId);
        form.append("item", photo.item);
        form.append("upload_id", photo.uploadId);
        form.append("photo", stored.blob, stored.name || "photo.jpg");
        const response = await timedFetch(entry.photoUrl, {
          method: "POST", headers: { "X-CSRFToken": token }, body: form,
        }, 180);
        if (response.status >= 500 || response.status === 401 || response.status === 429) return;
        if (!response.ok) photo.error = (await response.json().catch(() => ({}))).message || String(response.status);
        await idb.del("photos", photo.uploadId);
      }
      photo.done = true;
      await idb.put("outbox", entry.assignment, entry);
    }
  }

  /* ---- the checklist form ---- */
  const form = document.getElementById("checklist");
  const assignment = form ? form.dataset.assignment : null;
  let draft = { fields: {}, photos: {}, stopwatch: {}, position: null };

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

  async function saveDraft() {
    draft.fields = collectFields();
    await idb.put("drafts", assignment, draft);
    const entry = await idb.get("outbox", assignment);
    if (!entry || entry.state === "invalid" || entry.state === "rejected") showState("draft");
  }

  function items() {
    return Array.from(form.querySelectorAll(".shop-item"));
  }

  function parseDuration(text) {
    const parts = String(text).trim().split(":");
    if (!parts[0] || parts.length > 3 || parts.some((p) => !/^\d+$/.test(p))) return NaN;
    return parts.reduce((total, part) => total * 60 + Number(part), 0);
  }

  function formatDuration(seconds) {
    const whole = Math.max(0, Math.round(seconds));
    return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
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
      const ids = draft.photos[key] || [];
      if (ids.length) value = ids.slice();
    } else {
      const input = form.elements["a-" + key];
      const raw = input ? input.value.trim() : "";
      if (raw !== "") {
        if (type === "duration") value = Number.isNaN(parseDuration(raw)) ? raw : parseDuration(raw);
        else if (type === "number") value = Number.isFinite(Number(raw.replace(",", "."))) ? Number(raw.replace(",", ".")) : raw;
        else value = raw;
      }
    }
    return value === null ? null : { value: value };
  }

  function problemOf(fieldset, answer) {
    if (answer === null) return fieldset.dataset.required === "true" ? "required" : null;
    if (answer.na) return null;
    const type = fieldset.dataset.type;
    const input = form.elements["a-" + fieldset.dataset.key];
    if (type === "number" && typeof answer.value !== "number") return "number";
    if (type === "duration" && typeof answer.value !== "number") return "duration";
    if ((type === "number" || type === "duration") && input) {
      if (input.dataset.min !== undefined && answer.value < Number(input.dataset.min)) return "range";
      if (input.dataset.max !== undefined && answer.value > Number(input.dataset.max)) return "range";
    }
    return null;
  }

  function visitOf() {
    const visit = {
      date: form.elements["visit-date"].value || null,
      time_in: form.elements["visit-time_in"].value || null,
      time_out: form.elements["visit-time_out"].value || null,
    };
    if (draft.position) Object.assign(visit, draft.position);
    return visit;
  }

  function showErrors(errors) {
    const list = document.getElementById("shop-errors");
    form.querySelectorAll(".error[id^='e-']").forEach((p) => { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll(".has-error").forEach((el) => el.classList.remove("has-error"));
    form.querySelectorAll("[aria-invalid]").forEach((control) => {
      control.removeAttribute("aria-invalid");
      control.removeAttribute("aria-describedby");
    });
    list.textContent = "";
    const keys = Object.keys(errors);
    list.hidden = keys.length === 0;
    for (const key of keys) {
      const target = document.getElementById("e-" + key);
      if (target) {
        target.textContent = errors[key];
        target.hidden = false;
        const holder = target.closest(".shop-item, .shop-section");
        if (holder) holder.classList.add("has-error");
        markInvalid(target);
      }
      const fieldset = document.getElementById("i-" + key);
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = fieldset ? "#i-" + key : "#s-visit";
      const label = fieldset ? fieldset.dataset.label : (target && target.dataset.label) || key;
      link.textContent = label + ": " + errors[key];
      li.appendChild(link);
      list.appendChild(li);
    }
  }

  /* Screen readers announce an item's controls as invalid, with the error as description. */
  function markInvalid(error) {
    const item = error.closest(".shop-item");
    const controls = item
      ? item.querySelectorAll("input[name^='a-'], textarea")
      : [error.previousElementSibling && error.previousElementSibling.querySelector("input")];
    controls.forEach((control) => {
      if (!control) return;
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", error.id);
    });
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

  async function submitShop(event) {
    event.preventDefault();
    const answers = {};
    const errors = {};
    for (const fieldset of items()) {
      const answer = answerOf(fieldset);
      const problem = problemOf(fieldset, answer);
      if (problem) errors[fieldset.dataset.key] = msg(problem);
      if (answer !== null) answers[fieldset.dataset.key] = answer;
    }
    const visit = visitOf();
    if (!visit.date) errors["visit.date"] = msg("required");
    showErrors(errors);
    if (Object.keys(errors).length) {
      showState("fix");
      const first = form.querySelector("[aria-invalid=true]") || document.querySelector(".has-error");
      if (first) {
        first.scrollIntoView({ block: "center" });
        if (first.matches("[aria-invalid=true]")) first.focus({ preventScroll: true });
      }
      return;
    }
    const content = JSON.stringify({ answers: answers, visit: visit });
    const earlier = await idb.get("outbox", assignment);
    const keep = earlier && earlier.state === "queued" && earlier.content === content;
    const submissionId = keep ? earlier.submissionId : newId();
    const photos = [];
    for (const fieldset of items()) {
      const key = fieldset.dataset.key;
      if (fieldset.dataset.type === "photo" && answers[key] && !answers[key].na) {
        for (const uploadId of draft.photos[key] || []) photos.push({ uploadId: uploadId, item: key, done: false });
      }
    }
    await idb.put("drafts", assignment, draft);
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

  function showState(state, extra) {
    const element = document.getElementById("shop-state");
    if (!element) return;
    element.dataset.state = state;
    element.textContent = msg(state) + (extra ? " " + extra : "");
  }

  async function renderEverything() {
    const entries = await idb.all("outbox").catch(() => []);
    const byAssignment = {};
    entries.forEach((entry) => { byAssignment[entry.assignment] = entry; });
    document.querySelectorAll("[data-device-state]").forEach((span) => {
      const entry = byAssignment[span.dataset.deviceState];
      span.textContent = entry ? msg(entryState(entry)) : "";
      span.dataset.state = entry ? entry.state : "";
    });
    if (!form) return;
    const entry = byAssignment[assignment];
    if (!entry) return;
    if (entry.state === "invalid") {
      showErrors(entry.errors || {});
      showState("invalid");
    } else if (entry.state === "rejected") {
      showState("rejected", entry.message);
    } else {
      const failed = entry.photos.filter((p) => p.error).map((p) => p.error);
      showState(entryState(entry), failed.join(" "));
    }
    if (entry.state === "received") {
      form.querySelectorAll("input, textarea, button").forEach((el) => { el.disabled = true; });
    }
  }

  function entryState(entry) {
    if (entry.state === "queued" && entry.login) return "login";
    if (entry.state === "received" && entry.photos.some((p) => !p.done)) return "received_photos";
    return entry.state;
  }

  /* ---- photos: shrunk on the phone, kept as blobs until their upload is acknowledged ---- */
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

  async function renderPhotos(fieldset) {
    const key = fieldset.dataset.key;
    const list = fieldset.querySelector("[data-photo-list]");
    list.textContent = "";
    for (const uploadId of draft.photos[key] || []) {
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
        draft.photos[key] = (draft.photos[key] || []).filter((id) => id !== uploadId);
        await idb.del("photos", uploadId);
        saveDraft();
        renderPhotos(fieldset);
        updateProgress();
      });
      li.appendChild(remove);
      list.appendChild(li);
    }
  }

  function wirePhotos(fieldset) {
    const key = fieldset.dataset.key;
    fieldset.querySelector("[data-photo-input]").addEventListener("change", async (event) => {
      const error = document.getElementById("e-" + key);
      error.hidden = true;
      for (const file of Array.from(event.target.files)) {
        try {
          const blob = await shrink(file);
          const uploadId = newId();
          await idb.put("photos", uploadId, { blob: blob, name: file.name, assignment: assignment, item: key });
          draft.photos[key] = (draft.photos[key] || []).concat([uploadId]);
        } catch (unreadable) {
          error.textContent = msg("photo_failed") + " " + file.name;
          error.hidden = false;
        }
      }
      event.target.value = "";
      saveDraft();
      await renderPhotos(fieldset);
      updateProgress();
    });
  }

  /* ---- stopwatch for durations: the start time is saved, so it survives a reload ---- */
  function wireStopwatch(fieldset) {
    const key = fieldset.dataset.key;
    const input = form.elements["a-" + key];
    const toggle = fieldset.querySelector("[data-stopwatch=start]");
    const label = () => { toggle.textContent = draft.stopwatch[key] ? toggle.dataset.labelStop : toggle.dataset.labelStart; };
    toggle.addEventListener("click", () => {
      if (draft.stopwatch[key]) {
        input.value = formatDuration((Date.now() - draft.stopwatch[key]) / 1000);
        delete draft.stopwatch[key];
      } else {
        const already = parseDuration(input.value || "0");
        draft.stopwatch[key] = Date.now() - (Number.isNaN(already) ? 0 : already) * 1000;
      }
      label();
      saveDraft();
      updateProgress();
    });
    fieldset.querySelector("[data-stopwatch=reset]").addEventListener("click", () => {
      delete draft.stopwatch[key];
      input.value = "";
      label();
      saveDraft();
      updateProgress();
    });
    label();
  }

  function tickStopwatches() {
    for (const key of Object.keys(draft.stopwatch)) {
      const input = form.elements["a-" + key];
      if (input) input.value = formatDuration((Date.now() - draft.stopwatch[key]) / 1000);
    }
  }

  /* ---- visit: date, times, and the position only with the shopper's consent ---- */
  function wireVisit() {
    const dateInput = form.elements["visit-date"];
    if (!dateInput.value) {
      const now = new Date();
      dateInput.value = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
    }
    form.querySelectorAll("[data-now]").forEach((button) => {
      button.addEventListener("click", () => {
        const now = new Date();
        form.elements[button.dataset.now].value =
          String(now.getHours()).padStart(2, "0") + ":" + String(now.getMinutes()).padStart(2, "0");
        saveDraft();
      });
    });
    const consent = document.getElementById("geo-consent");
    const state = document.getElementById("geo-state");
    consent.addEventListener("change", () => {
      if (!consent.checked || !navigator.geolocation) {
        draft.position = null;
        consent.checked = false;
        state.textContent = "";
        saveDraft();
        return;
      }
      navigator.geolocation.getCurrentPosition((position) => {
        draft.position = {
          latitude: position.coords.latitude,
          longitude: position.coords.longitude,
          accuracy_m: position.coords.accuracy,
        };
        state.textContent = msg("position_ok");
        saveDraft();
      }, () => {
        draft.position = null;
        consent.checked = false;
        state.textContent = msg("position_denied");
        saveDraft();
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }

  async function initChecklist() {
    const earlier = await idb.get("outbox", assignment);
    if (earlier && earlier.state === "received" && form.dataset.status === "returned") {
      await idb.del("outbox", assignment);
    }
    const saved = await idb.get("drafts", assignment);
    if (saved) {
      draft = Object.assign({ fields: {}, photos: {}, stopwatch: {}, position: null }, saved);
      restoreFields(draft.fields);
    }
    wireVisit();
    for (const fieldset of items()) {
      if (fieldset.dataset.type === "photo") {
        wirePhotos(fieldset);
        renderPhotos(fieldset);
      }
      if (fieldset.dataset.type === "duration") wireStopwatch(fieldset);
    }
    setInterval(tickStopwatches, 500);
    const onChange = (event) => {
      if (event.target.matches("[data-photo-input]")) return;
      applyNotApplicable();
      saveDraft();
      updateProgress();
    };
    form.addEventListener("input", onChange);
    form.addEventListener("change", onChange);
    form.addEventListener("submit", submitShop);
    applyNotApplicable();
    updateProgress();
    if (saved) showState("draft");
    form.dataset.ready = "true";
  }

  function wireLogout() {
    const logout = document.getElementById("logout");
    if (!logout || !("caches" in window)) return;
    logout.addEventListener("submit", (event) => {
      event.preventDefault();
      caches.delete(CACHE).finally(() => logout.submit());
    });
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
})();
