/** The toolbar badge's text for an unread count: nothing at zero, "99+" past 99. */
export function badgeText(unread: number | null): string {
  if (unread === null || unread <= 0) return '';
  return unread > 99 ? '99+' : String(unread);
}
