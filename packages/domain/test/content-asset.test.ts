import {
  contentAssetDecider,
  fold,
  advocateDecider,
  type Consent,
  type ContentAssetEvent,
  type ContentDecisionContext,
} from '../src';
import {
  activeAdvocate,
  actors,
  consentGranted,
  context,
  contentCommand,
  day,
  NOW,
} from './support/builders';
import { specification } from './support/specification';
import { expectFoldGoesOnFromAnySavedPoint } from './support/saved-state';

const consentsOf = (...events: ReturnType<typeof consentGranted>[]): Consent[] =>
  Object.values(fold(advocateDecider, [...activeAdvocate(), ...events]).consents);
const logoConsent: Consent = {
  ...consentsOf(consentGranted({ consentId: 'logo-1', kinds: ['LOGO'], channels: ['WEB'] }))[0]!,
};

function contentContext(advocateConsents: Consent[] = consentsOf(consentGranted())): ContentDecisionContext {
  return {
    ...context({ actor: actors.programManager }),
    consentsOf: (holder) => (holder === 'ADVOCATE' ? advocateConsents : [logoConsent]),
  };
}
const content = specification(contentAssetDecider, () => contentContext());

const drafted: ContentAssetEvent = {
  type: 'ContentDrafted',
  data: {
    contentId: 'cs-1',
    kind: 'CASE_STUDY',
    title: 'Acme plans its shop floor in minutes',
    accountId: 'acme',
    holders: [{ holder: 'ADVOCATE', holderId: 'ines' }],
    territory: 'EMEA',
    channel: 'WEB',
    draftedBy: 'pat-pm',
    draftedAt: day(-10),
  },
};
const approved: ContentAssetEvent = {
  type: 'ContentApproved',
  data: { contentId: 'cs-1', evidence: 'sign-off DOC-88', recordedBy: 'pat-pm', approvedAt: day(-5) },
};
const relied = [{ holder: 'ADVOCATE' as const, holderId: 'ines', consentId: 'consent-1', consentVersion: 1 }];
const published: ContentAssetEvent = {
  type: 'ContentPublished',
  data: { contentId: 'cs-1', reliesOn: relied, publishedBy: 'pat-pm', publishedAt: day(-3) },
};
const suspended: ContentAssetEvent = {
  type: 'ContentSuspended',
  data: {
    contentId: 'cs-1',
    reason: 'CONSENT_WITHDRAWN',
    consentId: 'consent-1',
    suspendedBy: 'pat-pm',
    suspendedAt: day(-1),
  },
};
const publish = contentCommand('PublishContent', { url: 'https://example.com/acme' });

describe('a content asset', () => {
  it('is drafted naming whose consent it relies on', () => {
    content
      .given([])
      .when(
        contentCommand('DraftContent', {
          contentId: 'cs-1',
          kind: 'CASE_STUDY',
          title: 'Acme plans its shop floor in minutes',
          accountId: 'acme',
          holders: [{ holder: 'ADVOCATE', holderId: 'ines' }],
          territory: 'emea',
          channel: 'WEB',
        }),
      )
      .then([{ ...drafted, data: { ...drafted.data, draftedAt: NOW } }]);
  });

  it('a draft must name at least one consent holder', () => {
    content
      .given([])
      .when(
        contentCommand('DraftContent', {
          contentId: 'cs-1',
          kind: 'CASE_STUDY',
          title: 'x',
          accountId: 'acme',
          holders: [],
          territory: 'EMEA',
          channel: 'WEB',
        }),
      )
      .thenThrows('VALIDATION_FAILED', /holders/);
  });

  // Invariant 1
  it('is published only with the consent in force, recording the consent and version it relies on', () => {
    content
      .given([drafted, approved])
      .when(publish)
      .then([
        {
          type: 'ContentPublished',
          data: {
            contentId: 'cs-1',
            reliesOn: relied,
            url: 'https://example.com/acme',
            publishedBy: 'pat-pm',
            publishedAt: NOW,
          },
        },
      ]);
  });

  // Invariant 1
  it('cannot be published without a consent covering its kind and channel', () => {
    content
      .given([drafted, approved])
      .when(publish, { consentsOf: () => consentsOf(consentGranted({ kinds: ['REFERENCE_CALL'] })) })
      .thenThrows('CONSENT_REQUIRED');
    content
      .given([drafted, approved])
      .when(publish, { consentsOf: () => consentsOf(consentGranted({ channels: ['PRIVATE'] })) })
      .thenThrows('CONSENT_REQUIRED');
    content
      .given([drafted, approved])
      .when(publish, {
        consentsOf: () => consentsOf(consentGranted({ validFrom: day(-400), validUntil: day(-1) })),
      })
      .thenThrows('CONSENT_REQUIRED');
  });

  // Invariant 1
  it("a logo relies on the company's own consent", () => {
    content
      .given([
        {
          ...drafted,
          data: { ...drafted.data, kind: 'LOGO', holders: [{ holder: 'ACCOUNT', holderId: 'acme' }] },
        } as ContentAssetEvent,
        approved,
      ])
      .when(publish)
      .thenEvents(([event]) =>
        expect(event).toMatchObject({
          data: {
            reliesOn: [{ holder: 'ACCOUNT', holderId: 'acme', consentId: 'logo-1', consentVersion: 1 }],
          },
        }),
      );
  });

  // Invariant 7
  it('is approved before it is published', () => {
    content.given([drafted]).when(publish).thenThrows('INVALID_TRANSITION', /DRAFT/);
  });

  // Invariant 5
  it('published content is suspended when its consent is withdrawn', () => {
    content
      .given([drafted, approved, published])
      .when(contentCommand('SuspendContent', { reason: 'CONSENT_WITHDRAWN', consentId: 'consent-1' }))
      .thenEvents((events, state) => {
        expect(events).toEqual([{ ...suspended, data: { ...suspended.data, suspendedAt: NOW } }]);
        expect(state.status).toBe('SUSPENDED');
      });
  });

  // Invariant 5
  it('suspended content is reinstated only once a consent is in force again', () => {
    const withdrawnConsent: Consent = { ...consentsOf(consentGranted())[0]!, withdrawnKinds: ['CASE_STUDY'] };
    content
      .given([drafted, approved, published, suspended])
      .when(contentCommand('ReinstateContent', {}), { consentsOf: () => [withdrawnConsent] })
      .thenThrows('CONSENT_REQUIRED');
    content
      .given([drafted, approved, published, suspended])
      .when(contentCommand('ReinstateContent', { note: 'New consent signed' }))
      .thenEvents((_events, state) => expect(state.status).toBe('PUBLISHED'));
  });

  // Invariant 7
  it('only published content is suspended, only suspended content reinstated, and retired content stays retired', () => {
    content
      .given([drafted])
      .when(contentCommand('SuspendContent', { reason: 'INACCURATE' }))
      .thenThrows('INVALID_TRANSITION');
    content
      .given([drafted, approved, published])
      .when(contentCommand('ReinstateContent', {}))
      .thenThrows('INVALID_TRANSITION');
    const retired: ContentAssetEvent = {
      type: 'ContentRetired',
      data: { contentId: 'cs-1', reason: 'Outdated', retiredBy: 'pat-pm', retiredAt: day(-1) },
    };
    content
      .given([drafted, retired])
      .when(contentCommand('RetireContent', { reason: 'again' }))
      .thenThrows('INVALID_TRANSITION', /RETIRED/);
    content.given([drafted, retired]).when(publish).thenThrows('INVALID_TRANSITION');
  });
});

describe('a content asset read back from a snapshot', () => {
  it('is published with limits and suspended into the same state as straight through, member order included', () => {
    const limited: ContentAssetEvent = {
      type: 'ContentPublished',
      data: {
        contentId: 'cs-1',
        reliesOn: relied,
        maxUses: 3,
        expiresAt: day(300),
        publishedBy: 'pat-pm',
        publishedAt: day(-3),
      },
    };
    expectFoldGoesOnFromAnySavedPoint(contentAssetDecider, [drafted, approved, limited, suspended]);
  });
});
