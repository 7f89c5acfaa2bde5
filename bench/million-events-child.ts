import { generateMillionEvents } from './million-events';

/*
 * Generates the million-event log in a process of its own (see
 * generateInChild in million-events.ts). Arguments: databaseUrl events
 * customers conversations. Progress lines on stderr, the MillionEvents
 * answer as JSON on stdout.
 */
const [databaseUrl, events, customers, conversations] = process.argv.slice(2);
if (!databaseUrl || !events || !customers || !conversations) {
  throw new Error('usage: million-events-child databaseUrl events customers conversations');
}
const data = await generateMillionEvents(databaseUrl, {
  events: Number(events),
  customers: Number(customers),
  conversations: Number(conversations),
  log: (message) => process.stderr.write(`${message}\n`),
});
process.stdout.write(JSON.stringify(data));
