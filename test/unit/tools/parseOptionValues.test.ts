import { describe, expect, it } from 'vitest';
import { parseIntegerOption, parseRateOption, parseRatioOption, parseTimeOption, UsageError } from '../../../src/tools/options/parseOptionValues.js';

describe('option values', () => {
  it('whole numbers with a minimum', () => {
    expect(parseIntegerOption('--count', '10', 1)).toBe(10);
    expect(parseIntegerOption('--count', undefined, 1)).toBeUndefined();
    for (const bad of ['0', '-1', '1.5', 'ten', '', '1e3']) expect(() => parseIntegerOption('--count', bad, 1), bad).toThrow(UsageError);
  });

  it('rates above zero, ratios within [0, 1]', () => {
    expect(parseRateOption('--rate', '0.5')).toBe(0.5);
    expect(() => parseRateOption('--rate', '0')).toThrow(/--rate/);
    expect(parseRatioOption('--poison-ratio', undefined)).toBe(0);
    expect(parseRatioOption('--poison-ratio', '1')).toBe(1);
    for (const bad of ['-0.1', '1.01', 'x', '']) expect(() => parseRatioOption('--poison-ratio', bad), bad).toThrow(/--poison-ratio/);
  });

  it('times as ISO-8601 or epoch millis', () => {
    expect(parseTimeOption('--since', '2025-03-01T00:00:00Z')).toBe(Date.parse('2025-03-01T00:00:00Z'));
    expect(parseTimeOption('--since', '1700000000000')).toBe(1_700_000_000_000);
    expect(() => parseTimeOption('--since', 'yesterday')).toThrow(/--since/);
  });
});
