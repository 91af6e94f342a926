import {
  advocateDecider,
  contentAssetDecider,
  decideContentUse,
  DEFAULT_PROGRAM_POLICIES,
  fold,
  referenceRequestDecider,
  type Consent,
  type ContentAssetEvent,
  type ContentUseContext,
  type ReferenceRequestEvent,
  type UseContent,
} from '../src';
import {
  activeAdvocate,
  actors,
  ADVOCATE_ID,
  advocateCommand,
  advocateContext,
  consentGranted,
  context,
  contentCommand,
  day,
  NOW,
} from './support/builders';
import { specification } from './support/specification';

// Asset usage caps and expiry (issue 16): each use is an event; beyond the cap or after the
// expiry it is refused; the content's consents (their max uses included) still gate.

const quoteConsent = (maxUses?: number, uses = 0): Consent[] => {
  const history = [
    ...activeAdvocate(),
    consentGranted({ kinds: ['QUOTE'], ...(maxUses !== undefined ? { maxUses } : {}) }),
  ];
  const consents = Object.values(fold(advocateDecider, history).consents);
  return consents.map((c) => ({ ...c, uses }));
};
const contentContext = (
  consents: Consent[] = quoteConsent(),
  overrides: Partial<ContentUseContext> = {},
) => ({
  ...context({ actor: actors.programManager }),
  consentsOf: (holder: string) => (holder === 'ADVOCATE' ? consents : []),
  ...overrides,
});
const content = specification(contentAssetDecider, () => contentContext());

const drafted: ContentAssetEvent = {
  type: 'ContentDrafted',
  data: {
    contentId: 'q-1',
    kind: 'QUOTE',
    title: 'Planner cut our planning time in half',
    accountId: 'acme',
    holders: [{ holder: 'ADVOCATE', holderId: ADVOCATE_ID }],
    territory: 'EMEA',
    channel: 'WEB',
    draftedBy: 'pat-pm',
    draftedAt: day(-10),
  },
};
const approved: ContentAssetEvent = {
  type: 'ContentApproved',
  data: { contentId: 'q-1', evidence: 'sign-off DOC-9', recordedBy: 'pat-pm', approvedAt: day(-5) },
};
const relied = [
  { holder: 'ADVOCATE' as const, holderId: ADVOCATE_ID, consentId: 'consent-1', consentVersion: 1 },
];
const published = (limits: { maxUses?: number; expiresAt?: string } = {}): ContentAssetEvent => ({
  type: 'ContentPublished',
  data: { contentId: 'q-1', reliesOn: relied, ...limits, publishedBy: 'pat-pm', publishedAt: day(-3) },
});
const used = (n: number): ContentAssetEvent => ({
  type: 'ContentUsed',
  data: {
    contentId: 'q-1',
    kind: 'QUOTE',
    accountId: 'acme',
    where: `deck ${n}`,
    reliesOn: relied,
    useNumber: n,
    usedBy: 'pat-pm',
    usedAt: day(-2),
  },
});
const use = (data: Partial<UseContent['data']> = {}) =>
  contentCommand('UseContent', { where: 'Globex proposal, slide 4', ...data });

describe('PublishContent sets the cap and the expiry', () => {
  it('given approved content, when published with a cap and an expiry, then both are on the event', () => {
    content
      .given([drafted, approved])
      .when(contentCommand('PublishContent', { maxUses: 2, expiresAt: day(30) }))
      .thenEvents(([event], state) => {
        expect(event?.data).toMatchObject({ maxUses: 2, expiresAt: day(30) });
        expect(state).toMatchObject({ maxUses: 2, expiresAt: day(30), uses: 0 });
      });
  });

  it('when the expiry is already past, then publication is refused (VALIDATION_FAILED)', () => {
    content
      .given([drafted, approved])
      .when(contentCommand('PublishContent', { expiresAt: day(-1) }))
      .thenThrows('VALIDATION_FAILED', /expiresAt must be in the future/);
  });
});

describe('UseContent: each use recorded, within the cap, before the expiry, under consents in force', () => {
  it('given published content, when used, then ContentUsed says who, where, for which request, under which consent', () => {
    content
      .given([drafted, approved, published({ maxUses: 3 })])
      .when(use({ requestId: 'req-4' }))
      .then([
        {
          type: 'ContentUsed',
          data: {
            contentId: 'q-1',
            kind: 'QUOTE',
            accountId: 'acme',
            where: 'Globex proposal, slide 4',
            requestId: 'req-4',
            reliesOn: relied,
            useNumber: 1,
            usedBy: actors.programManager.userId,
            usedAt: NOW,
          },
        },
      ]);
  });

  it('given the cap is reached, when used again, then it is refused (CONTENT_USE_LIMIT_REACHED)', () => {
    content
      .given([drafted, approved, published({ maxUses: 2 }), used(1), used(2)])
      .when(use())
      .thenThrows('CONTENT_USE_LIMIT_REACHED', /used 2 of 2/);
  });

  it('given the asset expired, when used, then it is refused (CONTENT_EXPIRED)', () => {
    content
      .given([drafted, approved, published({ expiresAt: day(-1) })])
      .when(use())
      .thenThrows('CONTENT_EXPIRED');
  });

  it('given the expiry is exactly now, when used, then it is refused (CONTENT_EXPIRED)', () => {
    content
      .given([drafted, approved, published({ expiresAt: NOW })])
      .when(use())
      .thenThrows('CONTENT_EXPIRED');
  });

  it("given the holder's consent reached its own max uses, when used, then it is refused (CONSENT_REQUIRED)", () => {
    content
      .given([drafted, approved, published()])
      .when(use(), contentContext(quoteConsent(1, 1)))
      .thenThrows('CONSENT_REQUIRED', /maximum/i);
  });

  it('given the consent was withdrawn, when used, then it is refused (CONSENT_REQUIRED)', () => {
    content
      .given([drafted, approved, published()])
      .when(use(), contentContext([]))
      .thenThrows('CONSENT_REQUIRED');
  });

  it('given suspended content, when used, then it is refused (INVALID_TRANSITION)', () => {
    const suspended: ContentAssetEvent = {
      type: 'ContentSuspended',
      data: { contentId: 'q-1', reason: 'INACCURATE', suspendedBy: 'pat-pm', suspendedAt: day(-1) },
    };
    content.given([drafted, approved, published(), suspended]).when(use()).thenThrows('INVALID_TRANSITION');
  });
});

describe("RecordContentUse: a content use counts against the advocate's consent", () => {
  const advocate = specification(advocateDecider, () => advocateContext());
  const record = () =>
    advocateCommand('RecordContentUse', {
      contentId: 'q-1',
      kind: 'QUOTE',
      territory: 'emea',
      channel: 'WEB',
    });

  it('given a quote consent, when a use is recorded, then the consent counts one more use', () => {
    advocate
      .given([...activeAdvocate(), consentGranted({ kinds: ['QUOTE'], maxUses: 2 })])
      .when(record())
      .thenEvents((events, state) => {
        expect(events[0]).toMatchObject({
          type: 'ConsentUseRecorded',
          data: { consentId: 'consent-1', contentId: 'q-1' },
        });
        expect(state.consents['consent-1']?.uses).toBe(1);
      });
  });

  it('given the consent used up, when another use is recorded, then it is refused (CONSENT_REQUIRED)', () => {
    const first = advocateDecider.decide(
      record(),
      fold(advocateDecider, [...activeAdvocate(), consentGranted({ kinds: ['QUOTE'], maxUses: 1 })]),
      advocateContext(),
    );
    advocate
      .given([...activeAdvocate(), consentGranted({ kinds: ['QUOTE'], maxUses: 1 }), ...first])
      .when(record())
      .thenThrows('CONSENT_REQUIRED');
  });
});

describe('decideContentUse: AUTO_COMPLETE records at once; nobody else records a use on their own', () => {
  const asset = fold(contentAssetDecider, [drafted, approved, published({ maxUses: 5 })]);
  const submitted = (kind: 'QUOTE' | 'REFERENCE_CALL' = 'QUOTE'): ReferenceRequestEvent => ({
    type: 'ReferenceRequestSubmitted',
    data: {
      requestId: 'req-4',
      requestedBy: actors.requester.userId,
      department: 'MARKETING',
      kind,
      advocatesNeeded: 1,
      opportunity: {
        opportunityId: 'opp-4',
        stage: 'PROPOSAL',
        amount: { amount: 10, currency: 'EUR' },
        industry: 'Manufacturing',
        region: 'EMEA',
        products: [],
      },
      criteria: {
        industries: [],
        regions: [],
        products: [],
        useCases: [],
        languages: [],
        territory: 'EMEA',
        channel: 'WEB',
      },
      dueBy: day(10),
      submittedAt: day(-1),
    },
  });
  const autoQuotes = {
    policies: {
      ...DEFAULT_PROGRAM_POLICIES,
      requestModes: { defaultMode: 'OWNER_APPROVED' as const, perKind: { QUOTE: 'AUTO_COMPLETE' as const } },
    },
  };
  const command: UseContent = {
    type: 'UseContent',
    commandId: 'use-1',
    data: { where: 'deck', requestId: 'req-4' },
  };
  const decide = (ctx: ContentUseContext, kind?: 'QUOTE' | 'REFERENCE_CALL') =>
    decideContentUse('q-1', command, asset, fold(referenceRequestDecider, [submitted(kind)]), ctx);

  it('given AUTO_COMPLETE for quotes, when the requester uses a quote for their request, then the consent is counted first', () => {
    const steps = decide(contentContext(quoteConsent(), { actor: actors.requester, ...autoQuotes }));
    expect(steps.map((s) => [s.aggregate, s.aggregateId, s.command.type, s.actsAs])).toEqual([
      ['Advocate', ADVOCATE_ID, 'RecordContentUse', 'SYSTEM'],
      ['ContentAsset', 'q-1', 'UseContent', undefined],
    ]);
  });

  it('given owner-approved quotes (the default), when the requester uses it, then it is refused (REQUEST_MODE_NOT_ALLOWED)', () => {
    expect(() => decide(contentContext(quoteConsent(), { actor: actors.requester }))).toThrow(
      expect.objectContaining({ code: 'REQUEST_MODE_NOT_ALLOWED' }),
    );
  });

  it('given a request for another kind, when the requester uses a quote, then it is refused (REQUEST_MODE_NOT_ALLOWED)', () => {
    expect(() =>
      decide(contentContext(quoteConsent(), { actor: actors.requester, ...autoQuotes }), 'REFERENCE_CALL'),
    ).toThrow(expect.objectContaining({ code: 'REQUEST_MODE_NOT_ALLOWED' }));
  });

  it("when another rep uses it for someone else's request, then that request does not exist for them (NOT_FOUND)", () => {
    const rita = { userId: 'rita-rep', roles: ['REQUESTER' as const] };
    expect(() => decide(contentContext(quoteConsent(), { actor: rita, ...autoQuotes }))).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('auto-complete never bypasses a gate: with the consent used up, it is refused before any step', () => {
    expect(() =>
      decide(contentContext(quoteConsent(1, 1), { actor: actors.requester, ...autoQuotes })),
    ).toThrow(expect.objectContaining({ code: 'CONSENT_REQUIRED' }));
  });
});
