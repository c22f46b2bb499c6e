/** Value formats of the SCORM data models, shared by both host bridges. */

/** A 0–100 score as a CMIDecimal string, clamped, at most two decimals. */
export function formatRawScore(score: number): string {
  const bounded = Number.isFinite(score) ? Math.min(100, Math.max(0, score)) : 0;
  return String(Math.round(bounded * 100) / 100);
}

/** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS (RTE 3.4.2). */
export function scorm12Timespan(milliseconds: number): string {
  const centiseconds = Math.max(0, Math.round(milliseconds / 10));
  const hours = Math.min(9999, Math.floor(centiseconds / 360_000));
  const minutes = Math.floor((centiseconds % 360_000) / 6000);
  const seconds = (centiseconds % 6000) / 100;
  const [whole, fraction = '00'] = seconds.toFixed(2).split('.');
  return `${String(hours).padStart(4, '0')}:${String(minutes).padStart(2, '0')}:${whole!.padStart(2, '0')}.${fraction}`;
}

/** SCORM 2004 timeinterval: an ISO 8601 duration such as PT1H2M3.45S. */
export function scorm2004Duration(milliseconds: number): string {
  const centiseconds = Math.max(0, Math.round(milliseconds / 10));
  const hours = Math.floor(centiseconds / 360_000);
  const minutes = Math.floor((centiseconds % 360_000) / 6000);
  const seconds = (centiseconds % 6000) / 100;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds}S`;
}
