/* The visit: date, times, and the position only with the shopper's consent. */
import { form, msg, page } from "./page.js";

export function visitOf() {
  const visit = {
    date: form.elements["visit-date"].value || null,
    time_in: form.elements["visit-time_in"].value || null,
    time_out: form.elements["visit-time_out"].value || null,
  };
  if (page.draft.position) Object.assign(visit, page.draft.position);
  return visit;
}

export function wireVisit(save) {
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
      save();
    });
  });
  const consent = document.getElementById("geo-consent");
  const state = document.getElementById("geo-state");
  const forget = (text) => {
    page.draft.position = null;
    consent.checked = false;
    state.textContent = text;
    save();
  };
  consent.addEventListener("change", () => {
    if (!consent.checked || !navigator.geolocation) {
      forget("");
      return;
    }
    navigator.geolocation.getCurrentPosition((position) => {
      page.draft.position = {
        latitude: position.coords.latitude,
        longitude: position.coords.longitude,
        accuracy_m: position.coords.accuracy,
      };
      state.textContent = msg("position_ok");
      save();
    }, () => forget(msg("position_denied")), { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
}
