import type { Role } from '../../../shared/enums';

/**
 * Why the log shows what it shows, for a role that reads part of it; null
 * for admins, who read all of it. The backend narrows every query the same
 * way, so this only explains what the page gets.
 */
export function roleNote(role: Role): string | null {
  if (role === 'agent') {
    return 'As an agent you see customer and conversation events only. Authorization, billing, settings and work session events, and the settings of this page, are for admins.';
  }
  if (role === 'lead') {
    return 'As a lead you see customer, conversation and work session events only. Authorization, billing and settings events, and the settings of this page, are for admins.';
  }
  return null;
}
