/**
 * The on-disk format of a Gantry SQLite store. A file is ours when its SQLite header carries
 * APPLICATION_ID; `user_version` records the schema version.
 *
 * `log` is the kine-style append-only log: one row per write, id = revision. The UNIQUE index
 * on (name, prev_revision) is the database's own optimistic-concurrency check (two writes can
 * never both follow the same row of a key) and also serves every lookup by key: along a key's
 * chain prev_revision grows with id, so the newest row has the largest prev_revision.
 * Ids are assigned by the writer; meta.revision (written in the same transaction as the rows)
 * keeps the revision counter even when compaction deletes the newest row.
 */

/** 'GNTY' in the SQLite header's application_id field. */
export const APPLICATION_ID = 0x474e5459;
export const SCHEMA_VERSION = 1;

export const CREATE_SCHEMA = `
CREATE TABLE log (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  created INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision INTEGER NOT NULL,
  value TEXT NOT NULL
);
CREATE UNIQUE INDEX log_name_prev_revision ON log (name, prev_revision);
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('revision', 0), ('compact_revision', 0);
PRAGMA application_id = ${APPLICATION_ID};
PRAGMA user_version = ${SCHEMA_VERSION};
`;

/** Tables every store of SCHEMA_VERSION has. */
export const EXPECTED_TABLES = ['log', 'meta'];

/** The columns of a LogRow, in the names LogRow uses. */
export const ROW_COLUMNS =
  'id, name, created, deleted, create_revision AS createRevision, prev_revision AS prevRevision, value';

/** The same columns of the joined previous row `p`, prefixed with `p_`. */
export const PREV_COLUMNS =
  'p.id AS p_id, p.name AS p_name, p.created AS p_created, p.deleted AS p_deleted, ' +
  'p.create_revision AS p_createRevision, p.prev_revision AS p_prevRevision, p.value AS p_value';
