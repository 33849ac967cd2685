import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../../src/registry/redactUrl.js';

describe('redactUrl', () => {
  it.each([
    ['https://user:s3cret@reg.example:8081/apis', 'https://***@reg.example:8081/apis'],
    ['http://only-user@reg', 'http://***@reg/'],
    ['http://reg.example/x', 'http://reg.example/x'],
    ['not a url //u:s3cret@host', 'not a url //***@host'],
  ])('%s → %s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
    expect(redactUrl(input)).not.toContain('s3cret');
  });
});
