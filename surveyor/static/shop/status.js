/* What the shopper reads about a shop: its state line, the error summary and, on the list, the
   state of each assignment's copy on this phone. */
import { entryState } from "./outbox_rules.js";
import { assignment, form, msg } from "./page.js";
import { idb } from "./store.js";

export function showState(state, extra) {
  const element = document.getElementById("shop-state");
  if (!element) return;
  element.dataset.state = state;
  element.textContent = msg(state) + (extra ? " " + extra : "");
}

export function showErrors(errors) {
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

export async function renderEverything() {
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
