/** An instant as the Settings section shows it, the same in every time zone: `2026-12-03 14:05 UTC`. */
export function utcMinute(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
