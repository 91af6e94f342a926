import {
  DEFAULT_PROGRAM_POLICIES,
  addDays,
  type Actor,
  type AccountCommand,
  type AdvocateCommand,
  type AdvocateDecisionContext,
  type ContentAssetCommand,
  type NominationCommand,
  type ProgramCommand,
  type ReferenceRequestCommand,
  type AdvocateEnrolled,
  type AdvocateEvent,
  type Command,
  type ConsentGranted,
  type DecisionContext,
  type EngagementAccepted,
  type EngagementCompleted,
  type EngagementReleased,
  type EngagementReserved,
  type EngagementScheduled,
  type GrantConsent,
  type Instant,
  type ProgramPolicies,
  type ReserveEngagement,
} from '../../src';

export { DEFAULT_PROGRAM_POLICIES };

/** The fixed instant every specification decides at, unless it says otherwise. */
export const NOW: Instant = '2026-11-23T10:00:00.000Z';

/** An instant `n` days after (or before, when negative) NOW. */
export const day = (n: number): Instant => addDays(NOW, n);

/** One actor per role of DESIGN.md. */
export const actors = {
  programManager: { userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] },
  accountOwner: { userId: 'olga-ae', roles: ['ACCOUNT_OWNER'] },
  otherOwner: { userId: 'otto-ae', roles: ['ACCOUNT_OWNER'] },
  requester: { userId: 'sam-sales', roles: ['REQUESTER'] },
  auditor: { userId: 'aud-it', roles: ['AUDITOR'] },
  admin: { userId: 'ada-admin', roles: ['ADMIN'] },
} satisfies Record<string, Actor>;

/** A context with a fixed clock and a counter-based id generator: every decision replays identically. */
export function context(overrides: Partial<DecisionContext> = {}): DecisionContext {
  let counter = 0;
  return {
    now: NOW,
    newId: () => `id-${++counter}`,
    actor: actors.programManager,
    ...overrides,
  };
}

export function advocateContext(
  overrides: Partial<AdvocateDecisionContext> = {},
  policies: ProgramPolicies = DEFAULT_PROGRAM_POLICIES,
): AdvocateDecisionContext {
  return { ...context(), policies, ...overrides };
}

let commandCounter = 0;

/** A command with a fresh command id (or the one given). */
export function cmd<C extends Command>(type: C['type'], data: C['data'], commandId?: string): C {
  return { type, commandId: commandId ?? `cmd-${++commandCounter}`, data } as C;
}

/** A command builder for one decider's commands, typed by the command's name. */
export function commandsOf<U extends Command>() {
  return <T extends U['type']>(type: T, data: Extract<U, { type: T }>['data'], commandId?: string) =>
    cmd<Extract<U, { type: T }>>(type, data, commandId);
}

export const advocateCommand = commandsOf<AdvocateCommand>();
export const accountCommand = commandsOf<AccountCommand>();
export const nominationCommand = commandsOf<NominationCommand>();
export const requestCommand = commandsOf<ReferenceRequestCommand>();
export const contentCommand = commandsOf<ContentAssetCommand>();
export const programCommand = commandsOf<ProgramCommand>();

// ---- The advocate used throughout: Ines Weber at Acme. ----

export const ADVOCATE_ID = 'ines';
export const ACCOUNT_ID = 'acme';

export function advocateEnrolled(at: Instant = day(-60)): AdvocateEnrolled {
  return {
    type: 'AdvocateEnrolled',
    data: {
      advocateId: ADVOCATE_ID,
      accountId: ACCOUNT_ID,
      contact: { name: 'Ines Weber', email: 'ines@acme.example', title: 'Head of Operations' },
      attributes: {
        seniority: 'DIRECTOR',
        products: ['Planner'],
        useCases: ['shop-floor planning'],
        languages: ['en', 'de'],
        topics: [],
      },
      enrolledAt: at,
    },
  };
}

export function advocateActivated(at: Instant = day(-59)): AdvocateEvent {
  return { type: 'AdvocateActivated', data: { advocateId: ADVOCATE_ID, activatedAt: at } };
}

/** An enrolled and activated advocate. */
export const activeAdvocate = (): AdvocateEvent[] => [advocateEnrolled(), advocateActivated()];

export interface ConsentSpec {
  consentId?: string;
  kinds?: ConsentGranted['data']['kinds'];
  territories?: string[];
  channels?: ConsentGranted['data']['channels'];
  validFrom?: Instant;
  validUntil?: Instant;
  maxUses?: number;
  perUseApprovalRequired?: boolean;
}

/** A consent for reference calls and case studies, EMEA, private and web, valid a year. */
export function consentGranted(spec: ConsentSpec = {}): ConsentGranted {
  return {
    type: 'ConsentGranted',
    data: {
      advocateId: ADVOCATE_ID,
      consentId: spec.consentId ?? 'consent-1',
      version: 1,
      kinds: spec.kinds ?? ['REFERENCE_CALL', 'CASE_STUDY'],
      territories: spec.territories ?? ['EMEA'],
      channels: spec.channels ?? ['PRIVATE', 'WEB'],
      validFrom: spec.validFrom ?? day(-30),
      ...('validUntil' in spec
        ? spec.validUntil
          ? { validUntil: spec.validUntil }
          : {}
        : { validUntil: day(335) }),
      ...(spec.maxUses !== undefined ? { maxUses: spec.maxUses } : {}),
      perUseApprovalRequired: spec.perUseApprovalRequired ?? false,
      collection: {
        method: 'E_SIGNATURE',
        collectedAt: day(-30),
        collectedBy: actors.programManager.userId,
        noticeVersion: 'privacy-2026-01',
      },
      grantedAt: day(-30),
    },
  };
}

export function grantConsent(data: Partial<GrantConsent['data']> = {}): GrantConsent {
  return cmd<GrantConsent>('GrantConsent', {
    consentId: 'consent-1',
    kinds: ['REFERENCE_CALL', 'CASE_STUDY'],
    territories: ['EMEA'],
    channels: ['PRIVATE', 'WEB'],
    validFrom: day(0),
    validUntil: day(365),
    collectionMethod: 'E_SIGNATURE',
    collectedAt: day(-1),
    noticeVersion: 'privacy-2026-01',
    ...data,
  });
}

export function reserveEngagement(
  data: Partial<ReserveEngagement['data']> = {},
  commandId?: string,
): ReserveEngagement {
  return cmd<ReserveEngagement>(
    'ReserveEngagement',
    {
      engagementId: 'eng-1',
      requestId: 'req-1',
      kind: 'REFERENCE_CALL',
      territory: 'EMEA',
      channel: 'PRIVATE',
      activityAt: day(10),
      ownerClearance: { kind: 'OWNER', by: actors.accountOwner.userId },
      ...data,
    },
    commandId,
  );
}

export interface EngagementSpec {
  engagementId?: string;
  requestId?: string;
  kind?: EngagementReserved['data']['kind'];
  territory?: string;
  channel?: EngagementReserved['data']['channel'];
  activityAt?: Instant;
  consentId?: string;
  consentVersion?: number;
  reservedAt?: Instant;
}

export function engagementReserved(spec: EngagementSpec = {}): EngagementReserved {
  return {
    type: 'EngagementReserved',
    data: {
      advocateId: ADVOCATE_ID,
      engagementId: spec.engagementId ?? 'eng-1',
      requestId: spec.requestId ?? 'req-1',
      kind: spec.kind ?? 'REFERENCE_CALL',
      territory: spec.territory ?? 'EMEA',
      channel: spec.channel ?? 'PRIVATE',
      activityAt: spec.activityAt ?? day(10),
      consentId: spec.consentId ?? 'consent-1',
      consentVersion: spec.consentVersion ?? 1,
      ownerClearance: { kind: 'OWNER', by: actors.accountOwner.userId },
      reservedAt: spec.reservedAt ?? NOW,
    },
  };
}

export function engagementAccepted(engagementId = 'eng-1', requestId = 'req-1'): EngagementAccepted {
  return {
    type: 'EngagementAccepted',
    data: { advocateId: ADVOCATE_ID, engagementId, requestId, acceptedAt: NOW },
  };
}

export function engagementScheduled(
  at: Instant = day(10),
  engagementId = 'eng-1',
  consentId = 'consent-1',
): EngagementScheduled {
  return {
    type: 'EngagementScheduled',
    data: { advocateId: ADVOCATE_ID, engagementId, requestId: 'req-1', at, consentId, consentVersion: 1 },
  };
}

export function engagementCompleted(spec: {
  engagementId?: string;
  kind?: EngagementCompleted['data']['kind'];
  completedAt?: Instant;
  consentId?: string;
}): EngagementCompleted {
  return {
    type: 'EngagementCompleted',
    data: {
      advocateId: ADVOCATE_ID,
      engagementId: spec.engagementId ?? 'eng-1',
      requestId: 'req-1',
      kind: spec.kind ?? 'REFERENCE_CALL',
      completedAt: spec.completedAt ?? day(-1),
      consentId: spec.consentId ?? 'consent-1',
      consentVersion: 1,
    },
  };
}

export function engagementReleased(
  engagementId = 'eng-1',
  reason: EngagementReleased['data']['reason'] = 'CANCELLED',
  kind: EngagementReleased['data']['kind'] = 'REFERENCE_CALL',
): EngagementReleased {
  return {
    type: 'EngagementReleased',
    data: { advocateId: ADVOCATE_ID, engagementId, requestId: 'req-1', kind, reason, releasedAt: NOW },
  };
}

/** A completed engagement in the past: reserved, accepted, scheduled and completed. */
export function pastEngagement(
  engagementId: string,
  at: Instant,
  kind: EngagementReserved['data']['kind'] = 'REFERENCE_CALL',
): AdvocateEvent[] {
  return [
    engagementReserved({ engagementId, kind, activityAt: at, reservedAt: addDays(at, -5) }),
    engagementAccepted(engagementId),
    engagementScheduled(at, engagementId),
    engagementCompleted({ engagementId, kind, completedAt: at }),
  ];
}
