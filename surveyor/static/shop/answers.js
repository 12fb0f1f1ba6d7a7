/* One item's answer from what was typed, and what is wrong with it: no DOM, so it is testable. */
import { parseDuration } from "./durations.js";

/* Text typed into a number or duration field becomes a number when it reads as one; otherwise
   the text is kept, so the check below can name the problem. */
export function typedValue(type, raw) {
  const text = String(raw).trim();
  if (text === "") return null;
  if (type === "duration") {
    const seconds = parseDuration(text);
    return Number.isNaN(seconds) ? text : seconds;
  }
  if (type === "number") {
    const number = Number(text.replace(",", "."));
    return Number.isFinite(number) ? number : text;
  }
  return text;
}

/* The message key of the answer's problem, or null; `limits` holds required, min and max. */
export function answerProblem(type, answer, limits) {
  if (answer === null) return limits.required ? "required" : null;
  if (answer.na) return null;
  if (type === "number" && typeof answer.value !== "number") return "number";
  if (type === "duration" && typeof answer.value !== "number") return "duration";
  if (type === "number" || type === "duration") {
    if (limits.min !== undefined && answer.value < Number(limits.min)) return "range";
    if (limits.max !== undefined && answer.value > Number(limits.max)) return "range";
  }
  return null;
}
