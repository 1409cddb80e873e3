import { describe, expect, it } from 'vitest';
import { formatPixelRange, fromPeople, parseFraction, parseNumber, parsePixelRange, parseShape } from './answer';

describe('typed numbers', () => {
  it('read the ways people write 203,840', () => {
    for (const t of ['203,840', '203840', '203 840', ' 203 840 ', '203\u202f840', '203\u00a0840', '203,840 connections']) expect(parseNumber(t)).toBe(203_840);
  });
  it('read decimals, percent and negatives', () => {
    expect(parseNumber('1.73')).toBe(1.73);
    expect(parseNumber('1.73%')).toBe(1.73);
    expect(parseNumber('0')).toBe(0);
    expect(parseNumber('-2')).toBe(-2);
    expect(parseNumber('1,234.5')).toBe(1234.5);
  });
  it('refuse what is not one number', () => {
    for (const t of ['', 'abc', '203,84', '20,38,40', '1.2.3', '12 abc 3', '2e5', '1.', '0x10', '9'.repeat(50)]) expect(parseNumber(t)).toBeNull();
  });
});

describe('typed shapes', () => {
  it('read ×, x, * and Keras tuples', () => {
    for (const t of ['14×14×10', '14x14x10', '14 x 14 x 10', '14*14*10', '(14, 14, 10)', '[14,14,10]', '14X14X10']) expect(parseShape(t)).toEqual([14, 14, 10]);
    expect(parseShape('128')).toEqual([128]);
    expect(parseShape('1,960')).toEqual([1960]);
  });
  it('refuse what is not a shape', () => {
    for (const t of ['', '14××10', '14×a×10', '14,14,10', '-3', '0', '1.5×2']) expect(parseShape(t)).toBeNull();
  });
});

describe('typed shares', () => {
  it('read percent, fractions and ratios alike', () => {
    for (const t of ['75%', '75', '0.75', '.75', '3/4', '75 %']) expect(parseFraction(t)).toBeCloseTo(0.75);
    expect(parseFraction('1')).toBe(1);
    expect(parseFraction('100%')).toBe(1);
  });
  it('refuse nonsense and division by zero', () => {
    for (const t of ['', 'most', '3/0', '-5%']) expect(parseFraction(t)).toBeNull();
  });
});

describe('typed pixel ranges', () => {
  const want = { top: 10, bottom: 14, left: 4, right: 8 };
  it('read rows then columns in several spellings', () => {
    for (const t of ['rows 10–14, columns 4–8', 'rows 10-14 cols 4-8', '10-14, 4-8', 'rows 10 to 14, columns 4 to 8', 'Rows 14–10, columns 8–4']) expect(parsePixelRange(t)).toEqual(want);
  });
  it('follow the words when columns come first', () => {
    expect(parsePixelRange('columns 4–8, rows 10–14')).toEqual(want);
  });
  it('refuse anything without exactly four whole numbers', () => {
    for (const t of ['', 'rows 10–14', '1, 2, 3, 4, 5', 'rows 1.5-3, cols 1-2']) expect(parsePixelRange(t)).toBeNull();
  });
  it('are written as people count (from 1) and read back to the app’s own count (from 0)', () => {
    expect(formatPixelRange(want)).toBe('rows 11–15, columns 5–9');
    expect(fromPeople(parsePixelRange(formatPixelRange(want))!)).toEqual(want);
  });
});
