/** summarize: median, min and max of a list of numbers (the median of an even count is the mean of the middle two). */
export function summarize(values) {
  if (values.length === 0) return { n: 0, median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { n: sorted.length, median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** ms formats milliseconds for a table: one decimal under 100 ms, whole numbers above. */
export function ms(value) {
  if (!Number.isFinite(value)) return '—';
  return value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

/** mb formats kilobytes as megabytes. */
export function mb(kilobytes) {
  return Number.isFinite(kilobytes) ? `${(kilobytes / 1024).toFixed(1)} MB` : '—';
}

/** ratio formats a / b as "1.07×". */
export function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—';
}

/** spread formats a summary as "median (min–max)" with the given unit formatter. */
export function spread(summary, format = ms) {
  return `${format(summary.median)} (${format(summary.min)}–${format(summary.max)})`;
}
