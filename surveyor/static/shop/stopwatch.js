/* Stopwatch for durations: the start time is saved in the draft, so it survives a reload. */
import { formatDuration, parseDuration } from "./durations.js";
import { form, page } from "./page.js";

export function wireStopwatch(fieldset, changed) {
  const key = fieldset.dataset.key;
  const input = form.elements["a-" + key];
  const toggle = fieldset.querySelector("[data-stopwatch=start]");
  const watches = () => page.draft.stopwatch;
  const label = () => {
    toggle.textContent = watches()[key] ? toggle.dataset.labelStop : toggle.dataset.labelStart;
  };
  toggle.addEventListener("click", () => {
    if (watches()[key]) {
      input.value = formatDuration((Date.now() - watches()[key]) / 1000);
      delete watches()[key];
    } else {
      const already = parseDuration(input.value || "0");
      watches()[key] = Date.now() - (Number.isNaN(already) ? 0 : already) * 1000;
    }
    label();
    changed();
  });
  fieldset.querySelector("[data-stopwatch=reset]").addEventListener("click", () => {
    delete watches()[key];
    input.value = "";
    label();
    changed();
  });
  label();
}

export function tickStopwatches() {
  for (const key of Object.keys(page.draft.stopwatch)) {
    const input = form.elements["a-" + key];
    if (input) input.value = formatDuration((Date.now() - page.draft.stopwatch[key]) / 1000);
  }
}
