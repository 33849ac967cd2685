// A bounded memo for costly pure lookups (phone parsing, zone offsets). It only ever changes how
// fast an answer comes, never the answer, so the functions that use it stay pure.
//
// Two generations instead of a linked list: a hit in the young map costs one Map.get and no
// re-insertion. When the young map is full it becomes the old one and the previous old one is
// dropped; a hit in the old map promotes the entry. Recency is therefore tracked per
// generation rather than per entry (an approximate LRU), and at most `capacity` entries are held.

export interface LruCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  clear(): void;
  readonly size: number;
}

export function createLruCache<K, V>(capacity: number): LruCache<K, V> {
  if (!Number.isInteger(capacity) || capacity < 2) {
    throw new RangeError(`LRU cache capacity must be an integer >= 2, got ${capacity}`);
  }
  const generationSize = Math.floor(capacity / 2);
  let young = new Map<K, V>();
  let old = new Map<K, V>();

  function set(key: K, value: V): void {
    if (young.size >= generationSize) {
      old = young;
      young = new Map<K, V>();
    }
    young.set(key, value);
  }

  return {
    get(key) {
      const hit = young.get(key);
      if (hit !== undefined) return hit;
      const aged = old.get(key);
      if (aged !== undefined) {
        old.delete(key);
        set(key, aged);
      }
      return aged;
    },
    set,
    clear() {
      young = new Map<K, V>();
      old = new Map<K, V>();
    },
    get size() {
      return young.size + old.size;
    },
  };
}
