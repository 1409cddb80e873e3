import { describe, expect, it } from 'vitest';
import { csvField, historyCsv, toCsv } from './csv';
import { record } from './testRuns';

/** A small RFC 4180 reader, to check that what we write reads back as the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('csvField', () => {
  it('leaves plain text and numbers alone', () => {
    expect(csvField('Simple CNN')).toBe('Simple CNN');
    expect(csvField(0.001)).toBe('0.001');
    expect(csvField(592074)).toBe('592074');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('writes empty fields for missing and non-finite values', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-1.5)).toBe('-1.5');
  });
});

describe('historyCsv', () => {
  it('writes a header and one row per run that read back field for field', () => {
    const runs = [record(1, 'seed-mlp', [0.9, 0.95], 4.5, { message: 'Stopped, "early", by me' }), record(2, 'seed-simple-cnn', [0.93], 2.25)];
    const text = historyCsv(runs);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(3);
    const header = rows[0]!;
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    const at = (row: number, column: string) => rows[row]![header.indexOf(column)];
    expect(at(1, 'network')).toBe('Baseline MLP (seed)');
    expect(at(1, 'parameters')).toBe('623290');
    expect(at(2, 'parameters')).toBe('592074');
    expect(at(1, 'best_val_acc')).toBe('0.95');
    expect(at(2, 'test_error_percent')).toBe('2.25');
    expect(at(1, 'message')).toBe('Stopped, "early", by me');
    expect(at(1, 'val_acc_per_epoch')).toBe('0.9000 0.9500');
    expect(at(1, 'started')).toBe('2024-01-02T03:04:05.000Z');
    // The architecture column holds JSON with commas and quotes, and reads back as the network.
    expect(JSON.parse(at(2, 'architecture_json')!)).toEqual(runs[1]!.architecture);
  });

  it('toCsv joins rows with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });
});
