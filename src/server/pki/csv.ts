/**
 * A small CSV reader and writer with the semantics of Go's encoding/csv defaults,
 * which upstream's static token file uses: RFC 4180 quoting ("" inside quotes is a
 * quote; quoted fields may span lines), blank lines skipped, no space trimming, no
 * comments, a variable number of fields per record.
 */

export interface CsvRecord {
  /** The 1-based line where the record starts. */
  line: number;
  fields: string[];
}

/** Parses CSV text; throws an error naming the line for a malformed quote. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const src = text.replace(/\r\n/g, '\n');
  let line = 1;
  let i = 0;
  while (i < src.length) {
    if (src[i] === '\n') {
      line++;
      i++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    for (;;) {
      const field = readField(src, i, line);
      fields.push(field.value);
      i = field.end;
      line = field.line;
      if (i < src.length && src[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    records.push({ line: start, fields });
  }
  return records;
}

interface FieldResult {
  value: string;
  end: number;
  line: number;
}

function readField(src: string, pos: number, line: number): FieldResult {
  if (src[pos] !== '"') {
    let end = pos;
    while (end < src.length && src[end] !== ',' && src[end] !== '\n') {
      if (src[end] === '"') throw new Error(`line ${line}: bare " in non-quoted field`);
      end++;
    }
    return { value: src.slice(pos, end), end, line };
  }
  let value = '';
  let i = pos + 1;
  const startLine = line;
  for (;;) {
    const quote = src.indexOf('"', i);
    if (quote < 0) throw new Error(`line ${startLine}: quoted field is not closed`);
    const chunk = src.slice(i, quote);
    value += chunk;
    line += chunk.split('\n').length - 1;
    if (src[quote + 1] === '"') {
      value += '"';
      i = quote + 2;
      continue;
    }
    const after = src[quote + 1];
    if (after !== undefined && after !== ',' && after !== '\n') {
      throw new Error(`line ${line}: extraneous or missing " in quoted field`);
    }
    return { value, end: quote + 1, line };
  }
}

/** One CSV line (without the newline), quoting the fields that need it. */
export function formatCsvRecord(fields: readonly string[]): string {
  return fields.map(formatField).join(',');
}

function formatField(field: string): string {
  if (field === '' || !/[",\r\n]|^\s|\s$/.test(field)) return field;
  return `"${field.replace(/"/g, '""')}"`;
}
