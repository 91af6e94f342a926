import {
  advocateDecider,
  checkConsent,
  consentInForce,
  consentsExpiringWithin,
  describeConsentGap,
  fold,
  type Consent,
} from '../src';
import { activeAdvocate, consentGranted, day, type ConsentSpec } from './support/builders';

const consent = (spec: ConsentSpec = {}): Consent =>
  fold(advocateDecider, [...activeAdvocate(), consentGranted(spec)]).consents[spec.consentId ?? 'consent-1']!;
const scope = { territory: 'EMEA', channel: 'PRIVATE' as const };
const query = { kind: 'REFERENCE_CALL' as const, scope, at: day(0) };

describe('whether one consent permits a use', () => {
  it('permits a covered kind, in scope, while valid', () => {
    expect(checkConsent(consent(), query)).toEqual({ inForce: true, consent: consent() });
  });

  it.each([
    ['KIND_NOT_COVERED', consent({ kinds: ['VIDEO'] }), query],
    ['OUT_OF_SCOPE', consent({ territories: ['NA'] }), query],
    ['OUT_OF_SCOPE', consent({ channels: ['WEB'] }), query],
    ['NOT_YET_VALID', consent({ validFrom: day(1) }), query],
    ['EXPIRED', consent({ validUntil: day(0) }), query],
    ['MAX_USES_REACHED', consent({ maxUses: 2 }), { ...query, pendingUses: { 'consent-1': 2 } }],
    ['WITHDRAWN', { ...consent(), withdrawnKinds: ['REFERENCE_CALL'] } as Consent, query],
  ] as const)('says %s when that is why not', (gap, c, q) => {
    expect(checkConsent(c, q)).toMatchObject({ inForce: false, gap });
  });

  it('validity is [validFrom, validUntil): valid from its first instant, expired at its last', () => {
    expect(checkConsent(consent({ validFrom: day(0) }), query).inForce).toBe(true);
    expect(checkConsent(consent({ validUntil: day(0) }), query).inForce).toBe(false);
    expect(checkConsent(consent({ validUntil: day(0.001) }), query).inForce).toBe(true);
  });

  it('GLOBAL covers every territory, and without a scope in the query any scope is fine', () => {
    expect(
      checkConsent(consent({ territories: ['GLOBAL'] }), { ...query, scope: { ...scope, territory: 'APAC' } })
        .inForce,
    ).toBe(true);
    expect(
      checkConsent(consent({ territories: ['NA'] }), { kind: 'REFERENCE_CALL', at: day(0) }).inForce,
    ).toBe(true);
  });

  it('recorded uses and promised uses together count against max uses', () => {
    const used = { ...consent({ maxUses: 3 }), uses: 2 };
    expect(checkConsent(used, query).inForce).toBe(true);
    expect(checkConsent(used, { ...query, pendingUses: { 'consent-1': 1 } }).inForce).toBe(false);
    expect(checkConsent(used, { ...query, pendingUses: { other: 5 } }).inForce).toBe(true);
  });
});

describe('the consent in force among several', () => {
  it('is the one valid longest, an open-ended one above all', () => {
    const short = consent({ consentId: 'short', validUntil: day(30) });
    const long = consent({ consentId: 'long', validUntil: day(300) });
    const open = consent({ consentId: 'open', validUntil: undefined });
    expect(consentInForce([short, long], query)).toMatchObject({
      inForce: true,
      consent: { consentId: 'long' },
    });
    expect(consentInForce([short, open, long], query)).toMatchObject({ consent: { consentId: 'open' } });
  });

  it('ties are broken by consent id, whatever the order given', () => {
    const a = consent({ consentId: 'a' });
    const b = consent({ consentId: 'b' });
    expect(consentInForce([b, a], query)).toMatchObject({ consent: { consentId: 'a' } });
    expect(consentInForce([a, b], query)).toMatchObject({ consent: { consentId: 'a' } });
  });

  it('without any, reports the most telling gap', () => {
    expect(consentInForce([], query)).toEqual({ inForce: false, gap: 'NO_CONSENT' });
    const verdict = consentInForce(
      [consent({ kinds: ['VIDEO'] }), consent({ consentId: 'c2', validUntil: day(-1), validFrom: day(-90) })],
      query,
    );
    expect(verdict).toMatchObject({ inForce: false, gap: 'EXPIRED', consent: { consentId: 'c2' } });
  });

  it('every gap is explained in words', () => {
    expect(describeConsentGap('MAX_USES_REACHED')).toMatch(/maximum number of uses/);
    expect(describeConsentGap('OUT_OF_SCOPE')).toMatch(/territory and channel/);
  });
});

describe('consents expiring soon', () => {
  it('lists those ending within the horizon that have not ended nor been withdrawn', () => {
    const soon = consent({ consentId: 'soon', validUntil: day(20) });
    const later = consent({ consentId: 'later', validUntil: day(90) });
    const ended = consent({ consentId: 'ended', validUntil: day(-1), validFrom: day(-60) });
    const open = consent({ consentId: 'open', validUntil: undefined });
    const withdrawn = {
      ...consent({ consentId: 'gone', validUntil: day(10) }),
      withdrawnKinds: ['REFERENCE_CALL', 'CASE_STUDY'],
    } as Consent;
    expect(
      consentsExpiringWithin([soon, later, ended, open, withdrawn], day(0), 30).map((c) => c.consentId),
    ).toEqual(['soon']);
  });
});
