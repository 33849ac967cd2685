// The installed kafkajs carries the project's fixes (patches/, applied by `npm ci`), and a copy
// without them is named.
import { describe, expect, it } from 'vitest';
import { KAFKAJS_FIXES, findUnpatchedKafkaJs } from '../../../src/kafka/findUnpatchedKafkaJs.js';

describe('findUnpatchedKafkaJs', () => {
  it('finds every fix in the kafkajs this project installed', () => {
    expect(findUnpatchedKafkaJs()).toEqual([]);
  });

  it('names a fix whose file lacks its marker or cannot be read', () => {
    const [fix] = KAFKAJS_FIXES;
    expect(findUnpatchedKafkaJs(KAFKAJS_FIXES, () => 'module.exports = () => {}')).toEqual([fix]);
    expect(findUnpatchedKafkaJs(KAFKAJS_FIXES, () => undefined)).toEqual([fix]);
  });
});
