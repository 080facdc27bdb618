import { describe, it, expect, afterAll } from 'vitest';
import { statSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureAdminToken, loadTokenFile, tokenFilePath } from './tokens.js';
import { tempDirs } from './testing/temp-dirs.js';

const dirs = tempDirs('gantry-tokens-');
const freshDir = dirs.make;
afterAll(dirs.removeAll);

function fileWith(text: string): string {
  const path = join(freshDir(), 'tokens.csv');
  writeFileSync(path, text);
  return path;
}

describe('loadTokenFile', () => {
  it('reads users, uids and groups as upstream does', () => {
    const tokens = loadTokenFile(fileWith('t1,alice,100,"dev,ops"\nt2,bob,101\nt3,carol,102,solo,extra\n'));
    expect(tokens.get('t1')).toEqual({ user: 'alice', uid: '100', groups: ['dev', 'ops'] });
    expect(tokens.get('t2')).toEqual({ user: 'bob', uid: '101', groups: [] });
    expect(tokens.get('t3')).toEqual({ user: 'carol', uid: '102', groups: ['solo'] });
  });
  it('skips empty tokens and keeps the last of duplicates, with warnings', () => {
    const warnings: string[] = [];
    const tokens = loadTokenFile(fileWith(',nobody,1\nt,first,2\nt,second,3\n'), { onWarning: (w) => warnings.push(w) });
    expect([...tokens.keys()]).toEqual(['t']);
    expect(tokens.get('t')?.user).toBe('second');
    expect(warnings).toEqual([
      expect.stringMatching(/empty token .* record number '1'/),
      expect.stringMatching(/duplicate token .* record number '3'/),
    ]);
  });
  it('rejects short records, bad quoting and missing files clearly', () => {
    expect(() => loadTokenFile(fileWith('t1,alice\n'))).toThrow(/must have at least 3 columns .* found 2 on line 1/);
    expect(() => loadTokenFile(fileWith('t1,"alice\n'))).toThrow(/token file '.*': line 1: quoted field is not closed/);
    expect(() => loadTokenFile('/nonexistent/tokens.csv')).toThrow(/cannot read token file \/nonexistent\/tokens.csv/);
  });
});

describe('ensureAdminToken', () => {
  it('creates a random admin token once and reuses it', () => {
    const dir = freshDir();
    const first = ensureAdminToken(dir);
    expect(first).toMatchObject({ user: 'system:admin', groups: ['system:masters'] });
    expect(first.token).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(tokenFilePath(dir)).mode & 0o777).toBe(0o600);
    expect(ensureAdminToken(dir)).toEqual(first);
    expect(loadTokenFile(tokenFilePath(dir)).get(first.token)).toEqual({ user: 'system:admin', uid: first.uid, groups: ['system:masters'] });
    expect(ensureAdminToken(freshDir()).token).not.toBe(first.token);
  });
  it('keeps other records of an existing file', () => {
    const dir = freshDir();
    writeFileSync(tokenFilePath(dir), 'other,alice,1,"dev"');
    const admin = ensureAdminToken(dir);
    const text = readFileSync(tokenFilePath(dir), 'utf8');
    expect(text.startsWith('other,alice,1,"dev"\n')).toBe(true);
    expect(loadTokenFile(tokenFilePath(dir)).size).toBe(2);
    expect(ensureAdminToken(dir).token).toBe(admin.token);
  });
  it('refuses to touch a malformed file', () => {
    const dir = freshDir();
    writeFileSync(tokenFilePath(dir), 'short,row\n');
    expect(() => ensureAdminToken(dir)).toThrow(/at least 3 columns/);
    expect(readFileSync(tokenFilePath(dir), 'utf8')).toBe('short,row\n');
  });
});
