import { describe, expect, it } from 'vitest';
import { idInZoneOf, zoneOfId } from './zone-ids';

describe('zoned ids', () => {
  it('reads the SIREN from the first 8 hex digits', () => {
    const id = `${(200035541).toString(16).padStart(8, '0')}-1234-4abc-8def-0123456789ab`;
    expect(zoneOfId(id)).toBe('200035541');
    expect(zoneOfId(idInZoneOf(id))).toBe('200035541');
    expect(idInZoneOf(id)).not.toBe(id);
  });

  it('returns undefined for ids that carry no zone, and for non-ids', () => {
    expect(zoneOfId('ffffffff-1234-4abc-8def-0123456789ab')).toBeUndefined();
    expect(zoneOfId('nope')).toBeUndefined();
    expect(zoneOfId(undefined)).toBeUndefined();
  });
});
