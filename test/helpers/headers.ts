// Test shorthand for the pipeline's ordered header list.
import type { Headers } from '../../src/pipeline/types.js';

/** `{ a: 'x' }` → `[{ key: 'a', value: Buffer('x') }]`. */
export const textHeaders = (texts: Record<string, string>): Headers =>
  Object.entries(texts).map(([key, value]) => ({ key, value: Buffer.from(value) }));

/** The last value of each key as text (null stays null): for asserting on headers whose keys do not repeat. */
export const headerMap = (headers: Headers): Record<string, string | null> =>
  Object.fromEntries(headers.map(({ key, value }) => [key, value === null ? null : value.toString()]));
