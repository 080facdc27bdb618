/**
 * Static bearer tokens in upstream's token file format: one record per line,
 * `token,user,uid[,"group1,group2"]`.
 */
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { formatCsvRecord, parseCsv } from './csv.js';
import { PRIVATE_MODE, readIfExists, writeFileAtomic } from './files.js';
import { ADMIN_SUBJECT } from './pki.js';

export interface TokenUser {
  user: string;
  uid: string;
  groups: string[];
}

export interface AdminToken {
  token: string;
  user: string;
  uid: string;
  groups: string[];
}

const ADMIN_UID = 'gantry-admin';

/** Where a data directory keeps its token file. */
export function tokenFilePath(dataDir: string): string {
  return join(dataDir, 'tokens.csv');
}

/**
 * Reads a token file into token → user. As upstream: fewer than 3 columns is an
 * error, a record with an empty token is skipped with a warning, and for a
 * duplicate token the last record wins (with a warning). Empty group names are dropped.
 */
export function loadTokenFile(path: string, opts: { onWarning?: (message: string) => void } = {}): Map<string, TokenUser> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read token file ${path}: ${(err as Error).message}`);
  }
  return parseTokens(text, path, opts.onWarning ?? (() => {}));
}

function parseTokens(text: string, path: string, warn: (message: string) => void): Map<string, TokenUser> {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    throw new Error(`token file '${path}': ${(err as Error).message}`);
  }
  const tokens = new Map<string, TokenUser>();
  records.forEach(({ fields, line }, index) => {
    if (fields.length < 3) {
      throw new Error(
        `token file '${path}' must have at least 3 columns (token, user name, user uid), found ${fields.length} on line ${line}`,
      );
    }
    const [token, user, uid, groups] = fields as [string, string, string, string | undefined];
    if (token === '') {
      warn(`empty token has been found in token file '${path}', record number '${index + 1}'`);
      return;
    }
    if (tokens.has(token)) warn(`duplicate token has been found in token file '${path}', record number '${index + 1}'`);
    tokens.set(token, { user, uid, groups: groups === undefined ? [] : groups.split(',').filter((g) => g !== '') });
  });
  return tokens;
}

/**
 * Returns the admin's bearer token (user system:admin, group system:masters) from
 * DATA_DIR/tokens.csv, adding a new random 256-bit token to the file when it has
 * none. Other records in the file are kept as they are.
 */
export function ensureAdminToken(dataDir: string, opts: { log?: (message: string) => void } = {}): AdminToken {
  if (typeof dataDir !== 'string' || dataDir.trim() === '') throw new Error('data directory must be a non-empty path');
  const path = tokenFilePath(dataDir);
  const existing = readIfExists(path) ?? '';
  const user = ADMIN_SUBJECT.commonName;
  const groups = ADMIN_SUBJECT.organizations ?? [];
  for (const [token, entry] of parseTokens(existing, path, () => {})) {
    if (entry.user === user && groups.every((g) => entry.groups.includes(g))) {
      return { token, user, uid: entry.uid, groups: entry.groups };
    }
  }
  const token = randomBytes(32).toString('hex');
  const record = formatCsvRecord([token, user, ADMIN_UID, groups.join(',')]);
  const prefix = existing === '' || existing.endsWith('\n') ? existing : `${existing}\n`;
  writeFileAtomic(path, `${prefix}${record}\n`, { mode: PRIVATE_MODE });
  opts.log?.(`created admin token in ${path}`);
  return { token, user, uid: ADMIN_UID, groups };
}
