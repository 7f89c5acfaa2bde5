import { readFileSync } from 'node:fs';
import { type KeyObject } from 'node:crypto';
import { parseArgs } from 'node:util';
import { keyIdOf, parsePublicKey, type SignedCheckpoint } from '../chain/checkpoint';
import { verifyExportText } from './export-lines';
import { openChainFile } from './file-source';
import { verifyChain } from './verify-chain';

/*
 * `npm run verify`: verifies a copy of the database file, or an export,
 * offline, with no server.
 *
 *   npm run verify -- --db FILE [--org ID] [--checkpoint FILE] [--public-key FILE]
 *   npm run verify -- --export FILE [--public-key FILE]
 *
 * Prints JSON ({ ok, checked, firstBadSequence, reason, … }, or
 * { ok, workspaces: [...] } for a file holding several workspaces) and
 * exits 0 when everything verified, 1 when not, 2 on a usage error.
 */

export const USAGE = `usage:
  npm run verify -- --db FILE [--org ID] [--checkpoint FILE] [--public-key FILE]
  npm run verify -- --export FILE [--public-key FILE]

--db          a copy of the database file (opened read-only; the server need not run)
--org         the workspace to verify (default: every workspace in the file, or the checkpoint's)
--checkpoint  a checkpoint file kept elsewhere (downloaded from the admin page or GET /api/v1/audit/checkpoints/latest/download)
--public-key  the signing key's PEM (GET /.well-known/auditdesk-signing-key); checkpoints signed by another key are refused
--export      a JSON Lines export (GET /api/v1/audit/export?format=jsonl)`;

export interface CommandResult {
  code: 0 | 1 | 2;
  output: string;
}

class UsageError extends Error {}

export async function verifyCommand(argv: string[]): Promise<CommandResult> {
  try {
    const report = await run(argv);
    return { code: report.ok ? 0 : 1, output: `${JSON.stringify(report, null, 2)}\n` };
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, output: `${error.message}\n\n${USAGE}\n` };
    throw error;
  }
}

async function run(argv: string[]): Promise<{ ok: boolean } & Record<string, unknown>> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        org: { type: 'string' },
        checkpoint: { type: 'string' },
        'public-key': { type: 'string' },
        export: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError('Auditdesk log verification');
  const db = values.db as string | undefined;
  const exported = values.export as string | undefined;
  if ((db === undefined) === (exported === undefined)) throw new UsageError('give either --db or --export');
  const publicKey = values['public-key'] === undefined ? undefined : readKey(values['public-key'] as string);

  if (exported !== undefined) {
    if (values.org !== undefined || values.checkpoint !== undefined) throw new UsageError('--org and --checkpoint go with --db; an export carries its checkpoint');
    const result = verifyExportText(readText(exported, '--export'), publicKey);
    return { ...result };
  }

  const checkpoint = values.checkpoint === undefined ? undefined : readCheckpointFile(values.checkpoint as string);
  const key = publicKey ?? checkpoint?.publicKey;
  if (checkpoint && !key) throw new UsageError('--checkpoint: the file carries no public key; give one with --public-key');
  const signatures = key
    ? `checked with key ${keyIdOf(key)} (${publicKey ? 'given with --public-key' : 'carried by the checkpoint file'})`
    : 'not checked: give --public-key or --checkpoint';
  let file: ReturnType<typeof openChainFile>;
  try {
    file = openChainFile(db!);
  } catch (error) {
    throw new UsageError(`--db: ${(error as Error).message}`);
  }
  try {
    let orgIds: string[];
    try {
      orgIds = file.orgIds();
    } catch (error) {
      throw new UsageError(`--db: not an Auditdesk database (${(error as Error).message})`);
    }
    const wanted = (values.org as string | undefined) ?? checkpoint?.orgId;
    if (wanted !== undefined) {
      if (!orgIds.includes(wanted)) throw new UsageError(`--db: the file holds no workspace ${wanted}`);
      orgIds = [wanted];
    }
    const workspaces = [];
    for (const orgId of orgIds) {
      const given = checkpoint && checkpoint.orgId === orgId ? [{ name: checkpoint.name, checkpoint: checkpoint.signed, publicKey: key! }] : [];
      const result = await verifyChain(file.query, orgId, { ...(key ? { publicKey: key } : {}), checkpoints: given });
      workspaces.push({
        orgId,
        ok: result.ok,
        checked: result.checked,
        firstBadSequence: result.firstBadSequence,
        reason: result.reason,
        fromSequence: result.fromSeq,
        toSequence: result.toSeq,
        checkpoint: result.checkpoint,
      });
    }
    const ok = workspaces.every((w) => w.ok);
    if (workspaces.length === 1) return { ...workspaces[0]!, signatures };
    return { ok, signatures, workspaces };
  } finally {
    file.close();
  }
}

function readText(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function readKey(path: string): KeyObject {
  try {
    return parsePublicKey(readText(path, '--public-key'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--public-key: ${path} is not an Ed25519 public key in PEM (${(error as Error).message})`);
  }
}

interface CheckpointArgument {
  name: string;
  signed: SignedCheckpoint;
  orgId: string;
  publicKey: KeyObject | undefined;
}

function readCheckpointFile(path: string): CheckpointArgument {
  const text = readText(path, '--checkpoint');
  try {
    const file = JSON.parse(text) as { payload?: unknown; signature?: unknown; publicKey?: unknown };
    if (typeof file.payload !== 'string' || typeof file.signature !== 'string') throw new Error('it has no payload and signature');
    const payload = JSON.parse(file.payload) as { orgId?: unknown };
    if (typeof payload.orgId !== 'string') throw new Error('its payload names no workspace');
    return {
      name: path,
      signed: { payload: file.payload, signature: file.signature },
      orgId: payload.orgId,
      publicKey: typeof file.publicKey === 'string' ? parsePublicKey(file.publicKey) : undefined,
    };
  } catch (error) {
    throw new UsageError(`--checkpoint: ${path} is not a checkpoint file (${(error as Error).message})`);
  }
}
