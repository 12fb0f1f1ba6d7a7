/* Durations as the shopper types them ("m:ss" or "h:mm:ss") and as seconds. */

export function parseDuration(text) {
  const parts = String(text).trim().split(":");
  if (!parts[0] || parts.length > 3 || parts.some((p) => !/^\d+$/.test(p))) return NaN;
  return parts.reduce((total, part) => total * 60 + Number(part), 0);
}

export function formatDuration(seconds) {
  const whole = Math.max(0, Math.round(seconds));
  return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
}
