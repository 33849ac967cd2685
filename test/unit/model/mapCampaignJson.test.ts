import { describe, expect, it } from 'vitest';
import { mapCampaignJson } from '../../../src/model/mapCampaignJson.js';
import { formatRejection } from '../../../src/model/mapFields.js';

describe('mapCampaignJson', () => {
  it('maps the JSON view back, optional fields null when absent', () => {
    expect(mapCampaignJson({ id: 'k', name: 'Renewals', timeZone: 'Europe/Berlin', updatedAt: '2024-03-01T08:00:00Z', extra: 1 }))
      .toEqual({
        ok: true,
        value: {
          id: 'k', name: 'Renewals', divisionId: null, timeZone: 'Europe/Berlin', contactListId: null,
          dialingMode: null, updatedAt: Date.UTC(2024, 2, 1, 8),
        },
      });
  });

  it.each([
    [{ name: 'n', timeZone: 'UTC' }, 'id: missing'],
    [{ id: 'k', timeZone: 'UTC' }, 'name: missing'],
    [{ id: 'k', name: 'n', timeZone: null }, 'timeZone: missing'],
    [{ id: 7, name: 'n', timeZone: 'UTC' }, 'id: not a string: 7'],
    [{ id: 'k', name: 'n', timeZone: 'UTC', updatedAt: 'soon' }, 'updatedAt: not a date-time: "soon"'],
    [[], 'not an object: []'],
  ])('%j → %s', (input, text) => {
    const result = mapCampaignJson(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatRejection(result.error)).toBe(text);
  });
});
