import { describe, expect, it } from 'vitest';
import { createLruCache } from '../../../src/enrich/createLruCache.js';

describe('createLruCache', () => {
  it('returns what was set and undefined for a miss', () => {
    const cache = createLruCache<string, number | null>(4);
    cache.set('a', 1);
    cache.set('b', null);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBeNull();
    expect(cache.get('c')).toBeUndefined();
  });

  it('never holds more than its capacity', () => {
    const cache = createLruCache<number, number>(10);
    for (let i = 0; i < 1_000; i++) {
      cache.set(i, i);
      expect(cache.size).toBeLessThanOrEqual(10);
    }
  });

  it('keeps an entry that is used while newer ones arrive, and drops an unused one', () => {
    const cache = createLruCache<string, number>(4);
    cache.set('used', 1);
    cache.set('unused', 2);
    for (let i = 0; i < 20; i++) {
      expect(cache.get('used')).toBe(1);
      cache.set(`filler-${i}`, i);
    }
    expect(cache.get('used')).toBe(1);
    expect(cache.get('unused')).toBeUndefined();
  });

  it('is empty after clear', () => {
    const cache = createLruCache<string, number>(4);
    cache.set('a', 1);
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('refuses a capacity too small to hold two generations', () => {
    expect(() => createLruCache(1)).toThrow(RangeError);
  });
});
