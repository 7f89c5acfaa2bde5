import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { type Client, createClient, type InValue } from '@libsql/client';
import { bufferOf } from '../backend/audit/chain/append';
import { canonicalEventText } from '../backend/audit/chain/canonical';
import { chainHash, GENESIS_HASH, leafHash } from '../backend/audit/chain/links';
import { sealsText, sealValue } from '../backend/audit/chain/seals';
import { encodeValue } from '../backend/audit/values';
import type { ActorType, AuditEventName, Category, Section, SubjectType } from '../shared/enums';
import { type BenchPerson, seedBenchOrg } from './fixtures';

export type { BenchPerson };

/*
 * A large, realistic audit log for the read benchmark, written fast.
 *
 * The organization, an admin and an agent go through bootstrap (which runs
 * the migrations: indexes, FTS table and triggers) and the audit engine, so
 * the bench can sign in. Everything else is bulk data written raw through
 * @libsql/client (bench code, not the app): the minimum customers and
 * conversations rows the history routes 404-check, then the audit rows as
 * multi-row INSERTs (ROWS_PER_INSERT rows, bound parameters) in transactions
 * of ROWS_PER_TRANSACTION rows, generated in time order (rowids and ids
 * append), each chained as the engine chains it (sequence number, seals,
 * hash; backend/audit/chain/) after the setup rows, the head moved at the
 * end; the unique chain index stays in place during the load. The seven audit_events indexes and the FTS insert trigger are
 * dropped for the load and recreated afterwards from the database's own
 * statements (CREATE INDEX sorts once; FTS 'rebuild' indexes every row):
 * row-by-row index maintenance made the load ~3× slower. ANALYZE runs at the
 * end so the planner sees realistic statistics.
 */

const DAY_MS = 86_400_000;
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROWS_PER_INSERT = 100; // × 26 columns = 2,600 parameters; measured faster than 25 or 400 rows
const ROWS_PER_TRANSACTION = 50_000;

/** The word the `q` benchmark searches: it is in ~1% of rows, and no other word starts with it. */
export const SEARCH_WORD = 'chargeback';
const SEARCH_SHARE = 0.01;

export interface MillionEvents {
  orgId: string;
  admin: BenchPerson;
  agent: BenchPerson;
  customerIds: string[];
  conversationIds: string[];
  /** Rows written by the bulk generator (the engine's few setup rows not included). */
  rows: number;
  seconds: number;
  /** Epoch ms of the newest generated row. */
  newest: number;
  /** Who and what the rows are about, to append more like them (appendGeneratedEvents). */
  world: GeneratedWorld;
}

export interface GenerateOptions {
  events: number;
  customers: number;
  conversations: number;
  /** Progress lines. */
  log(message: string): void;
}

export async function generateMillionEvents(databaseUrl: string, options: GenerateOptions): Promise<MillionEvents> {
  const people = await seedPeople(databaseUrl);
  const client = createClient({ url: databaseUrl });
  try {
    // Durability is irrelevant for generated data; a big cache keeps the seven
    // secondary indexes' pages in memory while they are filled.
    await client.executeMultiple('PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY;');
    const random = mulberry32(4);
    const end = Date.now() - 60_000;
    const start = end - 365 * DAY_MS;
    const world = makeWorld(people, options, random, start);
    await insertSubjects(client, people.orgId, world, start);
    // Filling the secondary indexes and the FTS index row by row is what makes a
    // bulk load slow (~3× slower measured): drop them, load, then rebuild each in one pass.
    const deferred = await deferredStatements(client);
    for (const name of deferred.dropNames) await client.execute(name);
    const head = (await client.execute({ sql: 'select seq, hash from audit_chain_heads where org_id = ?', args: [people.orgId] })).rows[0];
    const chain: ChainState = head ? { seq: Number(head[0]), hash: bufferOf(head[1]) } : { seq: 0, hash: GENESIS_HASH };

    const began = performance.now();
    const stepMs = (end - start) / options.events;
    let time = start;
    let written = 0;
    while (written < options.events) {
      const inTx = Math.min(ROWS_PER_TRANSACTION, options.events - written);
      const statements: Array<{ sql: string; args: InValue[] }> = [];
      for (let done = 0; done < inTx; ) {
        const n = Math.min(ROWS_PER_INSERT, inTx - done);
        const args: InValue[] = [];
        for (let i = 0; i < n; i++) {
          time += Math.floor(random() * 2 * stepMs);
          pushEvent(args, world, random, Math.min(time, end), chain);
        }
        statements.push({ sql: insertSql(n), args });
        done += n;
      }
      await client.batch(statements, 'write');
      written += inTx;
      if (written % 200_000 === 0) options.log(`  ${written.toLocaleString('en-US')} rows, ${rate(written, began)} rows/s`);
    }
    await client.execute({
      sql: `insert into audit_chain_heads (org_id, seq, hash, anchor_seq, anchor_hash) values (?, ?, ?, 0, null)
            on conflict (org_id) do update set seq = excluded.seq, hash = excluded.hash`,
      args: [people.orgId, chain.seq, chain.hash],
    });
    options.log(`  ${written.toLocaleString('en-US')} rows inserted (${rate(written, began)} rows/s); recreating indexes and the FTS index`);
    for (const statement of deferred.indexes) await client.execute(statement);
    await client.execute("INSERT INTO audit_search(audit_search) VALUES('rebuild')");
    await client.execute(deferred.trigger);
    const seconds = (performance.now() - began) / 1000;
    options.log(`  ANALYZE`);
    await client.execute('ANALYZE');
    await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    return {
      orgId: people.orgId,
      admin: people.admin,
      agent: people.agent,
      customerIds: world.customers.map((c) => c.id),
      conversationIds: world.conversations.map((c) => c.id),
      rows: written,
      seconds,
      newest: Math.min(time, end),
      world,
    };
  } finally {
    client.close();
  }
}

export interface AppendRun {
  rows: number;
  transactions: number;
  /** Wall time of the whole run: making the rows (values, seals, chain hashes) and writing them. */
  seconds: number;
  /** Of which inside the database's write transactions. */
  databaseSeconds: number;
}

/**
 * Appends rows like the generated ones, stamped with the current time, for
 * about `seconds`: `perTransaction` rows a write transaction of multi-row
 * INSERTs that also moves the chain head, chained as the engine chains them.
 * The fastest way a valid stretch of the log can be written: no server, no
 * parsing, the head kept in memory by the only writer. Runs on `client` as
 * it is (indexes, FTS trigger and pragmas as the caller left them).
 */
export async function appendGeneratedEvents(
  client: Client,
  data: MillionEvents,
  options: { perTransaction: number; seconds: number },
): Promise<AppendRun> {
  const random = mulberry32(5);
  const head = (await client.execute({ sql: 'select seq, hash from audit_chain_heads where org_id = ?', args: [data.orgId] })).rows[0];
  if (!head) throw new Error('the generated log has no chain head');
  const chain: ChainState = { seq: Number(head[0]), hash: bufferOf(head[1]) };
  const began = performance.now();
  const deadline = began + options.seconds * 1000;
  let rows = 0;
  let transactions = 0;
  let databaseMs = 0;
  while (performance.now() < deadline) {
    const at = Date.now();
    const statements: Array<{ sql: string; args: InValue[] }> = [];
    for (let done = 0; done < options.perTransaction; ) {
      const n = Math.min(ROWS_PER_INSERT, options.perTransaction - done);
      const args: InValue[] = [];
      for (let i = 0; i < n; i++) pushEvent(args, data.world, random, at, chain);
      statements.push({ sql: insertSql(n), args });
      done += n;
    }
    statements.push({ sql: 'update audit_chain_heads set seq = ?, hash = ? where org_id = ?', args: [chain.seq, chain.hash, data.orgId] });
    const written = performance.now();
    await client.batch(statements, 'write');
    databaseMs += performance.now() - written;
    rows += options.perTransaction;
    transactions++;
  }
  return { rows, transactions, seconds: (performance.now() - began) / 1000, databaseSeconds: databaseMs / 1000 };
}

/**
 * `generateMillionEvents` in a process of its own, which exits when done.
 * The generating process ends up holding gigabytes (4.7 GB resident after
 * 1,000,000 events here) and kept a core busy afterwards; a server
 * started from it took 24–89 s to listen, against 2–4 s from a lean one.
 */
export async function generateInChild(databaseUrl: string, options: GenerateOptions): Promise<MillionEvents> {
  const args = ['--import', 'tsx', 'bench/million-events-child.ts', databaseUrl, String(options.events), String(options.customers), String(options.conversations)];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let progress = '';
  child.stderr.on('data', (chunk: Buffer) => {
    progress += chunk.toString();
    const lines = progress.split('\n');
    progress = lines.pop() ?? '';
    for (const line of lines) options.log(line);
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`generating the log failed (exit ${code}): ${progress}`);
  return JSON.parse(output) as MillionEvents;
}

function rate(rows: number, began: number) {
  return Math.round(rows / ((performance.now() - began) / 1000)).toLocaleString('en-US');
}

/** The organization and two people who can sign in, through the engine (and its migrations). */
async function seedPeople(databaseUrl: string): Promise<{ orgId: string; admin: BenchPerson; agent: BenchPerson }> {
  const { orgId, people } = await seedBenchOrg(databaseUrl, [
    { role: 'admin', name: 'Maya Admin' },
    { role: 'agent', name: 'Theo Agent' },
  ]);
  const [admin, agent] = people as [BenchPerson, BenchPerson];
  return { orgId, admin, agent };
}

// --- the generated world -------------------------------------------------

interface Actor {
  type: ActorType;
  id: string;
  name: string;
  apiKeyId: string | null;
}

/** The generated workspace's actors and subjects. */
export type GeneratedWorld = World;

interface World {
  orgId: string;
  users: Actor[];
  automations: Actor[];
  customers: Array<{ id: string; name: string }>;
  conversations: Array<{ id: string; customerId: string; name: string }>;
  companies: Array<{ id: string; name: string }>;
  settings: Array<{ type: SubjectType; section: Section; id: string; name: string }>;
}

const FIRST = ['Ana', 'Ben', 'Chloé', 'Dev', 'Emma', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jon', 'Kenji', 'Lara', 'Marta', 'Nils', 'Olu', 'Priya', 'Rui', 'Sara', 'Tomás', 'Yara'];
const LAST = ['Souza', 'Müller', 'Okafor', 'Nakamura', 'Silva', 'Dubois', 'Kowalski', 'Haddad', 'Larsen', 'Moreau', 'Patel', 'Rossi', 'Novak', 'Ivanova', 'Kim', 'Costa'];
const TOPICS = ['Order', 'Delivery', 'Invoice', 'Login issue', 'Plan upgrade', 'Damaged item', 'Return', 'Account access', 'Shipping address', 'Subscription'];
const TAGS = ['vip', 'urgent', 'returns', 'billing', 'bug', 'feedback', 'onboarding', 'escalated', 'spam', 'shipping'];
const STATUSES = ['open', 'snoozed', 'done'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const AGENT_STATUSES = ['available', 'busy', 'away', 'offline'];
const LOCATIONS = ['Lisbon', 'Berlin', 'Lagos', 'Osaka', 'São Paulo', 'Paris', 'Warsaw', 'Beirut', 'Oslo', 'Toronto'];
const MESSAGE_WORDS = ['thanks', 'package', 'arrived', 'late', 'please', 'help', 'invoice', 'password', 'reset', 'tracking', 'number', 'today', 'cancel', 'order', 'again'];

function makeWorld(people: { orgId: string; admin: BenchPerson; agent: BenchPerson }, options: GenerateOptions, random: () => number, start: number): World {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const fullName = () => `${pick(FIRST)} ${pick(LAST)}`;
  const users: Actor[] = [
    { type: 'user', id: people.admin.id, name: people.admin.name, apiKeyId: null },
    { type: 'user', id: people.agent.id, name: people.agent.name, apiKeyId: null },
  ];
  // Other agents exist only as actors of the log (the log keeps their names).
  for (let i = 0; i < 14; i++) users.push({ type: 'user', id: ulidAt(start), name: fullName(), apiKeyId: null });
  const automations: Actor[] = (
    [
      ['workflow', 'Auto-close stale'],
      ['business_rule', 'VIP escalation'],
      ['queue_router', 'Round robin'],
      ['api', 'CRM sync'],
    ] as const
  ).map(([type, name]) => {
    const key = ulidAt(start);
    return { type, id: key, name, apiKeyId: key };
  });
  const customers = Array.from({ length: options.customers }, () => ({ id: ulidAt(start), name: fullName() }));
  const conversations = Array.from({ length: options.conversations }, (_, i) => ({
    id: ulidAt(start),
    customerId: customers[i % customers.length]!.id,
    name: `${pick(TOPICS)} #${10_000 + i}`,
  }));
  const companies = Array.from({ length: 50 }, (_, i) => ({ id: ulidAt(start), name: `${pick(LAST)} ${['Ltd', 'GmbH', 'SA', 'Inc'][i % 4]}` }));
  const settings: World['settings'] = [];
  const areas: Array<[SubjectType, Section, string]> = [
    ['business_rule', 'business_rule', 'Rule'],
    ['workflow', 'workflow', 'Workflow'],
    ['shortcut', 'shortcut', 'Shortcut'],
    ['saved_search', 'saved_search', 'Saved search'],
  ];
  for (const [type, section, noun] of areas) {
    for (let i = 0; i < 25; i++) settings.push({ type, section, id: ulidAt(start), name: `${noun}: ${pick(TOPICS)} ${i + 1}` });
  }
  return { orgId: people.orgId, users, automations, customers, conversations, companies, settings };
}

/** The rows the history routes look up (id + org): customers and conversations, minimal but valid. */
async function insertSubjects(client: Client, orgId: string, world: World, at: number) {
  const statements: Array<{ sql: string; args: InValue[] }> = [];
  for (let i = 0; i < world.customers.length; i += 500) {
    const chunk = world.customers.slice(i, i + 500);
    statements.push({
      sql: `INSERT INTO customers (id, org_id, name, emails, phones, urls, tags, socials, custom, created_at, updated_at) VALUES ${chunk
        .map(() => `(?, ?, ?, '[]', '[]', '[]', '[]', '{}', '{}', ?, ?)`)
        .join(', ')}`,
      args: chunk.flatMap((c) => [c.id, orgId, c.name, at, at]),
    });
  }
  for (let i = 0; i < world.conversations.length; i += 500) {
    const chunk = world.conversations.slice(i, i + 500);
    statements.push({
      sql: `INSERT INTO conversations (id, org_id, customer_id, name, channel, status, priority, tags, assigned_users, assigned_teams, ivr, custom, created_at, updated_at) VALUES ${chunk
        .map(() => `(?, ?, ?, ?, 'email', 'open', 'normal', '[]', '[]', '[]', 0, '{}', ?, ?)`)
        .join(', ')}`,
      args: chunk.flatMap((c) => [c.id, orgId, c.customerId, c.name, at, at]),
    });
  }
  await client.batch(statements, 'write');
}

/**
 * The audit_events indexes and the FTS insert trigger, taken verbatim from the
 * migrations (so they are recreated exactly as the app has them), with the
 * statements that drop them.
 */
/**
 * The secondary indexes of audit_events (not the unique chain index) and the
 * FTS trigger, as the migrated database defines them now: dropped for the
 * load, then created again from these very statements.
 */
async function deferredStatements(client: Client): Promise<{ dropNames: string[]; indexes: string[]; trigger: string }> {
  const { rows } = await client.execute(
    `select type, name, sql from sqlite_master where tbl_name = 'audit_events' and sql is not null
       and ((type = 'index' and sql not like 'CREATE UNIQUE%') or (type = 'trigger' and name = 'audit_search_insert'))`,
  );
  const indexes = rows.filter((row) => row.type === 'index');
  const trigger = rows.find((row) => row.type === 'trigger');
  if (indexes.length === 0 || !trigger) throw new Error('the audit_events indexes or FTS trigger were not found in the database');
  const dropNames = [...indexes.map((row) => `DROP INDEX "${String(row.name)}"`), 'DROP TRIGGER audit_search_insert'];
  return { dropNames, indexes: indexes.map((row) => String(row.sql)), trigger: String(trigger.sql) };
}

const COLUMNS = [
  'id', 'org_id', 'occurred_at', 'actor_type', 'actor_id', 'actor_name', 'event', 'category', 'section', 'subject_type',
  'subject_id', 'subject_label', 'customer_id', 'conversation_id', 'property', 'before', 'after', 'change_id', 'context',
  'request_id', 'ip', 'user_agent', 'api_key_id', 'seq', 'hash', 'seals',
];
const ROW_PLACEHOLDERS = `(${COLUMNS.map(() => '?').join(', ')})`;
const insertSqlCache = new Map<number, string>();
function insertSql(rows: number): string {
  let text = insertSqlCache.get(rows);
  if (!text) {
    text = `INSERT INTO audit_events (${COLUMNS.join(', ')}) VALUES ${Array(rows).fill(ROW_PLACEHOLDERS).join(', ')}`;
    insertSqlCache.set(rows, text);
  }
  return text;
}

interface Draft {
  event: AuditEventName;
  category: Category;
  section: Section;
  subjectType: SubjectType;
  subjectId: string;
  subjectLabel: string;
  customerId: string | null;
  conversationId: string | null;
  property: string | null;
  before: unknown;
  after: unknown;
  actor?: Actor;
}

const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

/** The chain's newest link while rows are generated. */
interface ChainState {
  seq: number;
  hash: Buffer;
}

/** Appends one audit row's 26 values to `args`, chained onto `chain` (which moves to it). */
function pushEvent(args: InValue[], world: World, random: () => number, at: number, chain: ChainState) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const draft = drawEvent(world, random, pick);
  // Automations act on conversations and customers; people do everything.
  const actor = draft.actor ?? (random() < 0.2 && (draft.category === 'conversation' || draft.category === 'customer') ? pick(world.automations) : pick(world.users));
  if (random() < SEARCH_SHARE) draft.after = withSearchWord(draft.after);
  const id = ulidAt(at);
  const isUser = actor.type === 'user';
  const row = {
    orgId: world.orgId,
    seq: chain.seq + 1,
    id,
    occurredAt: at,
    actorType: actor.type,
    actorId: actor.id,
    actorName: actor.name,
    event: draft.event,
    category: draft.category,
    section: draft.section,
    subjectType: draft.subjectType,
    subjectId: draft.subjectId,
    subjectLabel: draft.subjectLabel,
    customerId: draft.customerId,
    conversationId: draft.conversationId,
    property: draft.property,
    changeId: id,
    context: null,
    requestId: isUser ? ulidAt(at) : null,
    ip: isUser ? `10.0.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}` : null,
    userAgent: isUser ? USER_AGENT : null,
    apiKeyId: actor.apiKeyId,
  };
  const before = sealValue(row.property, draft.before);
  const after = sealValue(row.property, draft.after);
  chain.seq = row.seq;
  chain.hash = chainHash(chain.hash, leafHash(canonicalEventText(row, before.commitment, after.commitment)));
  args.push(
    id,
    world.orgId,
    at,
    actor.type,
    actor.id,
    actor.name,
    draft.event,
    draft.category,
    draft.section,
    draft.subjectType,
    draft.subjectId,
    draft.subjectLabel,
    draft.customerId,
    draft.conversationId,
    draft.property,
    encodeValue(draft.before),
    encodeValue(draft.after),
    id,
    null,
    row.requestId,
    row.ip,
    row.userAgent,
    actor.apiKeyId,
    row.seq,
    chain.hash,
    sealsText({ ...(before.seal && { b: before.seal }), ...(after.seal && { a: after.seal }) }),
  );
}

function withSearchWord(value: unknown): unknown {
  if (Array.isArray(value)) return [...(value as unknown[]), SEARCH_WORD];
  if (typeof value === 'string') return `${value} (${SEARCH_WORD})`;
  return { value, note: SEARCH_WORD };
}

/** Shares by category: conversation 45%, customer 20%, work_session 15%, authorization 10%, settings 8%, billing 2%. */
function drawEvent(world: World, random: () => number, pick: <T>(list: readonly T[]) => T): Draft {
  const r = random();
  const words = (n: number) => Array.from({ length: n }, () => pick(MESSAGE_WORDS)).join(' ');
  if (r < 0.45) {
    const conversation = pick(world.conversations);
    const base = { category: 'conversation' as const, customerId: conversation.customerId, conversationId: conversation.id };
    const kind = random();
    if (kind < 0.45) {
      const property = pick(['status', 'priority', 'tags', 'assignedUsers']);
      const [before, after] =
        property === 'status'
          ? [pick(STATUSES), pick(STATUSES)]
          : property === 'priority'
            ? [pick(PRIORITIES), pick(PRIORITIES)]
            : property === 'tags'
              ? [[pick(TAGS)], [pick(TAGS), pick(TAGS)]]
              : [[pick(world.users).id], [pick(world.users).id]];
      return { ...base, event: 'update', section: 'conversation', subjectType: 'conversation', subjectId: conversation.id, subjectLabel: conversation.name, property, before, after };
    }
    if (kind < 0.7) {
      const body = words(6);
      return { ...base, event: 'create', section: 'message', subjectType: 'message', subjectId: ulidAt(Date.now()), subjectLabel: `Message in ${conversation.name}`, property: null, before: null, after: { body, channel: 'email' } };
    }
    if (kind < 0.85) {
      const event = pick(['queue_entered', 'accepted', 'assigned'] as const);
      const router = world.automations.find((a) => a.type === 'queue_router');
      return { ...base, event, section: 'routing', subjectType: 'conversation', subjectId: conversation.id, subjectLabel: conversation.name, property: 'queue', before: null, after: pick(['Tier 1', 'Tier 2', 'Billing queue']), ...(router ? { actor: router } : {}) };
    }
    if (kind < 0.95) {
      const event = pick(['survey_offered', 'survey_rated', 'survey_commented'] as const);
      const after = event === 'survey_rated' ? Math.ceil(random() * 5) : event === 'survey_commented' ? words(5) : 'offered';
      return { ...base, event, section: 'satisfaction', subjectType: 'survey', subjectId: ulidAt(Date.now()), subjectLabel: `CSAT for ${conversation.name}`, property: event === 'survey_rated' ? 'rating' : 'comment', before: null, after };
    }
    return { ...base, event: 'create', section: 'voice', subjectType: 'voice_recording', subjectId: ulidAt(Date.now()), subjectLabel: `Call in ${conversation.name}`, property: null, before: null, after: { seconds: Math.floor(random() * 900) } };
  }
  if (r < 0.65) {
    if (random() < 0.1) {
      const company = pick(world.companies);
      return { event: 'update', category: 'customer', section: 'company', subjectType: 'company', subjectId: company.id, subjectLabel: company.name, customerId: null, conversationId: null, property: 'name', before: company.name, after: `${company.name} Group` };
    }
    const customer = pick(world.customers);
    const property = pick(['name', 'emails', 'tags', 'location', 'phones']);
    const [before, after] =
      property === 'name'
        ? [customer.name, `${customer.name.split(' ')[0]} ${pick(LAST)}`]
        : property === 'emails'
          ? [[`${customer.name.split(' ')[0]!.toLowerCase()}@mail.example`], [`${customer.name.split(' ')[0]!.toLowerCase()}@work.example`]]
          : property === 'tags'
            ? [[pick(TAGS)], [pick(TAGS), pick(TAGS)]]
            : property === 'location'
              ? [pick(LOCATIONS), pick(LOCATIONS)]
              : [['+351 210 000 000'], ['+351 910 000 000']];
    return { event: 'update', category: 'customer', section: 'customer', subjectType: 'customer', subjectId: customer.id, subjectLabel: customer.name, customerId: customer.id, conversationId: null, property, before, after };
  }
  if (r < 0.8) {
    const user = pick(world.users);
    if (random() < 0.8) {
      return { event: 'status_changed', category: 'work_session', section: 'routing', subjectType: 'agent', subjectId: user.id, subjectLabel: user.name, customerId: null, conversationId: null, property: 'status', before: pick(AGENT_STATUSES), after: pick(AGENT_STATUSES), actor: user };
    }
    return { event: 'update', category: 'work_session', section: 'team_pulse', subjectType: 'agent', subjectId: user.id, subjectLabel: user.name, customerId: null, conversationId: null, property: 'routable', before: true, after: false };
  }
  if (r < 0.9) {
    const user = pick(world.users);
    const event = pick(['login', 'login', 'logout', 'login_failed'] as const);
    return { event, category: 'authorization', section: 'user_login', subjectType: 'user', subjectId: user.id, subjectLabel: user.name, customerId: null, conversationId: null, property: null, before: null, after: null, actor: user };
  }
  if (r < 0.98) {
    const setting = pick(world.settings);
    const property = pick(['name', 'enabled', 'conditions']);
    const [before, after] =
      property === 'name' ? [setting.name, `${setting.name} (v2)`] : property === 'enabled' ? [true, false] : [{ tag: pick(TAGS) }, { tag: pick(TAGS) }];
    return { event: 'update', category: 'settings', section: setting.section, subjectType: setting.type, subjectId: setting.id, subjectLabel: setting.name, customerId: null, conversationId: null, property, before, after };
  }
  const plan = pick(['Starter', 'Team', 'Business']);
  return { event: 'update', category: 'billing', section: 'billing', subjectType: 'billing_account', subjectId: world.orgId, subjectLabel: 'Bench Support billing', customerId: null, conversationId: null, property: 'plan', before: plan, after: pick(['Starter', 'Team', 'Business']) };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID for time `at` (the backend's newUlid is monotonic on the wall
 * clock, so it cannot stamp generated past times). Math.random is enough for
 * 80 bits of uniqueness within a millisecond in a benchmark.
 */
function ulidAt(at: number): string {
  let time = '';
  let t = at;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  let rest = '';
  for (let i = 0; i < 16; i++) rest += CROCKFORD[(Math.random() * 32) | 0]!;
  return time + rest;
}

/** A small seeded PRNG, so every run generates the same log. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
