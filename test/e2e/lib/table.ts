/**
 * Parsing kubectl's column output (`get`, `api-resources`). kubectl aligns cells with a
 * tabwriter (at least three spaces between columns), so a column starts where its
 * header starts; header names themselves may hold single spaces ("NOMINATED NODE").
 */

export interface ParsedTable {
  /** The column names, as printed. */
  header: string[];
  /** One record per row, keyed by column name; cells are trimmed. */
  rows: Record<string, string>[];
}

/** A cell in the AGE column for an object created within the last few minutes. */
export const AGE = /^(\d+s|\d+m\d*s?)$/;

interface Column {
  name: string;
  start: number;
}

function columnsOf(headerLine: string): Column[] {
  const columns: Column[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(headerLine); m; m = re.exec(headerLine)) columns.push({ name: m[0], start: m.index });
  return columns;
}

function cellsOf(line: string, columns: Column[]): Record<string, string> {
  const row: Record<string, string> = {};
  columns.forEach((c, i) => {
    const end = i + 1 < columns.length ? columns[i + 1]!.start : undefined;
    row[c.name] = line.slice(c.start, end).trim();
  });
  return row;
}

/** Parses one table: the first non-empty line is the header. */
export function parseTable(text: string): ParsedTable {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new Error('parseTable: no output to parse');
  const columns = columnsOf(lines[0]!);
  return { header: columns.map((c) => c.name), rows: lines.slice(1).map((l) => cellsOf(l, columns)) };
}

/** Parses output with several tables separated by blank lines (`kubectl get all`, `get pods,svc`). */
export function parseTables(text: string): ParsedTable[] {
  return text
    .split(/\n\s*\n/)
    .filter((block) => block.trim() !== '')
    .map(parseTable);
}

/** The row whose NAME column (else the first column) equals `name`; throws with the table when there is none. */
export function rowNamed(table: ParsedTable, name: string): Record<string, string> {
  const first = table.header.includes('NAME') ? 'NAME' : table.header[0]!;
  const row = table.rows.find((r) => r[first] === name);
  if (!row) throw new Error(`no row ${first}=${name} in table:\n${JSON.stringify(table.rows, null, 1)}`);
  return row;
}
