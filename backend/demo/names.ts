import type { Random } from './random';

/* Word lists the demo workspace is made from. Modest on purpose: combinations give the variety. */

export const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mateo', 'Sophia', 'Lucas', 'Isabella', 'Ethan', 'Mia', 'Arjun',
  'Amelia', 'Hiro', 'Harper', 'Diego', 'Evelyn', 'Kofi', 'Abigail', 'Yusuf', 'Ella', 'Mohammed', 'Aria', 'Leo',
  'Chloe', 'Ivan', 'Zoe', 'Rafael', 'Nora', 'Samuel', 'Lily', 'Jonas', 'Hannah', 'Andrei', 'Grace', 'Omar',
  'Layla', 'Felix', 'Ruby', 'Mei', 'Aisha', 'Carlos', 'Freya', 'Daniel', 'Ingrid', 'Tariq', 'Lucia', 'Ben',
] as const;

export const LAST_NAMES = [
  'Smith', 'Garcia', 'Müller', 'Nguyen', 'Johnson', 'Rossi', 'Kowalski', 'Tanaka', 'Brown', 'Silva', 'Dubois',
  'Patel', 'Williams', 'Hernández', 'Jensen', 'Kim', 'Okafor', 'Novak', 'Martin', 'Cohen', 'Andersson', 'Lopez',
  "O'Brien", 'Schmidt', 'Chen', 'Moreau', 'Ivanova', 'Santos', 'Haddad', 'Fischer', 'Walker', 'Yilmaz',
] as const;

const COMPANY_STEMS = [
  'Northwind', 'Bluebird', 'Copperleaf', 'Harbor', 'Summit', 'Lumen', 'Evergreen', 'Pioneer', 'Brightwater',
  'Redwood', 'Atlas', 'Sparrow', 'Ironclad', 'Meadow', 'Nimbus', 'Quarry', 'Tidewater', 'Juniper', 'Keystone',
  'Orchard',
] as const;
const COMPANY_KINDS = ['Outfitters', 'Labs', 'Coffee Co', 'Logistics', 'Studio', 'Health', 'Goods', 'Travel'] as const;

/** `count` distinct company names, e.g. "Harbor Logistics". */
export function companyNames(random: Random, count: number): string[] {
  const all = COMPANY_STEMS.flatMap((stem) => COMPANY_KINDS.map((kind) => `${stem} ${kind}`));
  return random.sample(all, count);
}

export const INDUSTRIES = ['Retail', 'Hospitality', 'Logistics', 'Healthcare', 'Software', 'Travel', 'Food & Beverage'] as const;

/** Where customers live: a city, its IANA timezone and the language they write in. */
export const PLACES = [
  ['New York, US', 'America/New_York', 'en'],
  ['Chicago, US', 'America/Chicago', 'en'],
  ['Austin, US', 'America/Chicago', 'en'],
  ['San Francisco, US', 'America/Los_Angeles', 'en'],
  ['Toronto, CA', 'America/Toronto', 'en'],
  ['London, UK', 'Europe/London', 'en'],
  ['Dublin, IE', 'Europe/Dublin', 'en'],
  ['Berlin, DE', 'Europe/Berlin', 'de'],
  ['Paris, FR', 'Europe/Paris', 'fr'],
  ['Madrid, ES', 'Europe/Madrid', 'es'],
  ['Lisbon, PT', 'Europe/Lisbon', 'pt'],
  ['São Paulo, BR', 'America/Sao_Paulo', 'pt-BR'],
  ['Mexico City, MX', 'America/Mexico_City', 'es'],
  ['Sydney, AU', 'Australia/Sydney', 'en'],
  ['Tokyo, JP', 'Asia/Tokyo', 'ja'],
] as const;

export const CUSTOMER_TAGS = ['vip', 'wholesale', 'newsletter', 'beta-tester', 'churn-risk', 'influencer'] as const;
export const PLANS = ['free', 'basic', 'plus', 'premium'] as const;

/** The teammates of the demo workspace besides the four sign-in accounts (all agents). */
export const EXTRA_AGENTS = [
  'Chloe Bennett', 'Kenji Watanabe', 'Amara Okafor', 'Lukas Meyer', 'Sofia Rossi', 'Noah Kim', 'Fatima Zahra',
  'Ethan Brooks',
] as const;

/** Browsers teammates sign in from. */
export const USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5; rv:127.0) Gecko/20100101 Firefox/127.0',
] as const;

/** "Ana García" → "ana.garcia" (ASCII, for emails and usernames). */
export function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}
