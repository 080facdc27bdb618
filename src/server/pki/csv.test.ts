import { describe, it, expect } from 'vitest';
import { formatCsvRecord, parseCsv } from './csv.js';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('reads plain and quoted fields, skipping blank lines', () => {
    expect(fields('a,b,c\n\n"x,y",z,"he said ""hi"""\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['x,y', 'z', 'he said "hi"'],
    ]);
  });
  it('keeps spaces, empty fields and a missing final newline', () => {
    expect(fields(' a ,,\nlast')).toEqual([[' a ', '', ''], ['last']]);
  });
  it('lets quoted fields span lines and reports record start lines', () => {
    const records = parseCsv('one\n"two\nlines",x\nthree\n');
    expect(records).toEqual([
      { line: 1, fields: ['one'] },
      { line: 2, fields: ['two\nlines', 'x'] },
      { line: 4, fields: ['three'] },
    ]);
  });
  it('rejects malformed quoting with the line number', () => {
    expect(() => parseCsv('ok\na"b,c')).toThrow(/line 2: bare "/);
    expect(() => parseCsv('"abc"d,e')).toThrow(/line 1: extraneous or missing "/);
    expect(() => parseCsv('x\n"open,y')).toThrow(/line 2: quoted field is not closed/);
  });
});

describe('formatCsvRecord', () => {
  it('quotes only fields that need it and round-trips', () => {
    const record = ['tok', 'user', 'uid', 'g1,g2', 'say "x"', ' pad'];
    const line = formatCsvRecord(record);
    expect(line).toBe('tok,user,uid,"g1,g2","say ""x"""," pad"');
    expect(fields(line)).toEqual([record]);
  });
});
