import { describe, expect, it } from 'vitest';
import { isGsm7, smsLength, toGsm7 } from './gsm';

describe('SMS segments', () => {
  it('GSM-7: 160 septets in one message, then 153 per part', () => {
    expect(smsLength('')).toEqual({ encoding: 'gsm7', units: 0, segments: 1 });
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307)).segments).toBe(3);
  });

  it('extension characters count two septets and are never split between parts', () => {
    expect(smsLength('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsLength('€'.repeat(81)).segments).toBe(2);
    // 152 septets, then an escaped character that would straddle the boundary: it moves to part 2.
    const straddling = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(smsLength(straddling)).toMatchObject({ units: 306, segments: 3 });
  });

  it('accented letters of the GSM alphabet stay 7-bit; others switch the whole text to UCS-2 (70, then 67)', () => {
    expect(smsLength('Rendez-vous confirmé à 9h20, où ?').encoding).toBe('gsm7');
    expect(smsLength(`${'a'.repeat(69)}ê`)).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(smsLength(`${'a'.repeat(70)}ê`)).toEqual({ encoding: 'ucs2', units: 71, segments: 2 });
    expect(smsLength(`${'a'.repeat(134)}ç`).segments).toBe(3);
  });

  it('UCS-2 counts UTF-16 units and keeps a surrogate pair whole', () => {
    expect(smsLength('😀').units).toBe(2);
    expect(smsLength(`${'a'.repeat(66)}😀${'a'.repeat(10)}`)).toMatchObject({
      encoding: 'ucs2',
      units: 78,
      segments: 2,
    });
  });
});

describe('transliteration to GSM-7', () => {
  it('maps French letters and typography outside the alphabet, keeps those inside', () => {
    expect(toGsm7('Maître Benoît, crêpe, garçon, cœur, Œuvre, Noël, Ÿ')).toBe(
      'Maitre Benoit, crepe, garcon, coeur, OEuvre, Noel, Y',
    );
    expect(toGsm7('l’hôpital « Saint-Éloi » – 9 h 20…')).toBe('l\'hopital " Saint-Éloi " - 9 h 20...');
    expect(toGsm7('é è à ù ì ò Ç É Ä Ö Ñ Ü ä ö ñ ü € [ ]')).toBe('é è à ù ì ò Ç É Ä Ö Ñ Ü ä ö ñ ü € [ ]');
    expect(toGsm7('12\u202f€ à Saint\u00a0Denis')).toBe('12 € à Saint Denis');
  });

  it('strips other diacritics and replaces what has no spelling', () => {
    expect(toGsm7('Łódź Ńańa ✓')).toBe('?odz Nana ?');
  });

  it('its output is always GSM-7', () => {
    for (const text of ['ÀÂÈÊËÎÏÔÙÛŸàâçêëîïôûÿœŒ’“”«»–—…', 'Chœur de l’Église Saint-Pierre', '漢字 😀 ñ']) {
      expect(isGsm7(toGsm7(text))).toBe(true);
    }
  });
});
