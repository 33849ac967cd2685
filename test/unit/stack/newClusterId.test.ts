// The local stack's KRaft cluster id goes to `kafka-storage format -t <id>` as an argument: an id
// starting with '-' was parsed as an option and the stack failed to start (CI, 2026-11-29).
import { describe, expect, it } from 'vitest';
import { newClusterId } from '../../../scripts/stack/plan.js';

describe('newClusterId', () => {
  it('draws again when the id would start with a dash', () => {
    // 0xf8 → base64url '-' as the first character; 0x00 → 'A'.
    const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x00)];
    const id = newClusterId(() => draws.shift()!);
    expect(id).toBe(Buffer.alloc(16, 0x00).toString('base64url'));
    expect(draws).toHaveLength(0);
  });

  it('is 22 base64url characters, never led by a dash', () => {
    for (let i = 0; i < 2000; i += 1) expect(newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});
