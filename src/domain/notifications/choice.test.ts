import { describe, expect, it } from 'vitest';
import { chosenChannels } from './choice';

describe('channels chosen at booking', () => {
  it('SMS on by default for a mobile, email on by default when given', () => {
    expect(chosenChannels(undefined, { phoneMobile: true })).toEqual({ sms: true, email: false });
    expect(chosenChannels(undefined, { phoneMobile: true, email: 'a@example.fr' })).toEqual({ sms: true, email: true });
    expect(chosenChannels({}, { phoneMobile: false, email: 'a@example.fr' })).toEqual({ sms: false, email: true });
  });

  it('the patient may turn either off; SMS to a landline and email without an address are ignored', () => {
    expect(chosenChannels({ sms: false, email: false }, { phoneMobile: true, email: 'a@example.fr' })).toEqual({
      sms: false,
      email: false,
    });
    expect(chosenChannels({ sms: true, email: true }, { phoneMobile: false })).toEqual({ sms: false, email: false });
  });
});
