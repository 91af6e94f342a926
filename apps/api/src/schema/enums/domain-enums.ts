import {
  ACTIVITY_KINDS,
  ATTENDANCE_PARTIES,
  CHANNELS,
  CONSENT_COLLECTION_METHODS,
  CONTENT_KINDS,
  CONTENT_SUSPENSION_REASONS,
  DEPARTMENTS,
  ENGAGEMENT_RELEASE_REASONS,
  OPPORTUNITY_STAGES,
  OUTCOME_RESULTS,
  REQUEST_MODES,
  REQUEST_PRIORITIES,
  REWARD_KINDS,
  ROLES,
  SATISFACTION_EVIDENCE_KINDS,
  SEGMENTS,
  SENIORITIES,
} from '@vouch/domain';
import { enumOf, registerDescribedEnum } from './enum-of';

// The domain's value lists as GraphQL enums: one source of truth, so a value added in the
// domain appears in the schema (and the checked-in SDL test notices).

export const ActivityKind = enumOf(ACTIVITY_KINDS);
registerDescribedEnum(ActivityKind, {
  name: 'ActivityKind',
  description: 'What an advocate can be asked to do.',
  values: {
    REFERENCE_CALL: 'A call with a prospect to talk about their experience.',
    SITE_VISIT: 'A prospect visits the customer to see the product in use.',
    CASE_STUDY: "A written or filmed story of the customer's results.",
    QUOTE: 'A short attributed statement for marketing or sales material.',
    LOGO: "The company's logo shown as a customer (the company consents, not a person).",
    PRESS: 'Speaking to journalists or appearing in a press release.',
    ANALYST: 'Speaking to industry analysts.',
    VIDEO: 'A filmed testimonial.',
    SPEAKING: 'Speaking at an event or webinar.',
    ADVISORY_BOARD: 'Sitting on a customer advisory board.',
    PEER_REVIEW: 'A review on a peer review site.',
    REFERRAL: 'Introducing us to another possible customer.',
  },
});

export const Channel = enumOf(CHANNELS);
registerDescribedEnum(Channel, {
  name: 'Channel',
  description: 'Where a use is made; a consent lists the channels it permits.',
  values: {
    PRIVATE: 'One-to-one with a prospect (a call, a visit); nothing published.',
    WEB: 'Our website and web pages.',
    PRINT: 'Printed material.',
    SOCIAL: 'Social media.',
    EVENT: 'Conferences, webinars and other events.',
    PRESS: 'News media.',
    ANALYST: 'Industry analyst firms.',
  },
});

export const ConsentCollectionMethod = enumOf(CONSENT_COLLECTION_METHODS);
registerDescribedEnum(ConsentCollectionMethod, {
  name: 'ConsentCollectionMethod',
  description: 'How a consent was collected (ISO/IEC TS 27560 "collection method").',
  values: {
    WEB_FORM: 'The holder filled in a web form.',
    E_SIGNATURE: 'The holder signed electronically.',
    RECORDED_CALL: 'The holder agreed on a recorded call.',
    EMAIL: 'The holder agreed by email.',
    PAPER_FORM: 'The holder signed a paper form.',
  },
});

export const ContentKind = enumOf(CONTENT_KINDS);
registerDescribedEnum(ContentKind, {
  name: 'ContentKind',
  description: 'The kind of a content asset.',
  values: {
    CASE_STUDY: 'A case study.',
    QUOTE: 'An attributed quote.',
    VIDEO: 'A video testimonial.',
    LOGO: "The company's logo.",
  },
});

export const ContentSuspensionReason = enumOf(CONTENT_SUSPENSION_REASONS);
registerDescribedEnum(ContentSuspensionReason, {
  name: 'ContentSuspensionReason',
  description: 'Why a content asset is taken out of use.',
  values: {
    CONSENT_WITHDRAWN: 'A consent it relies on was withdrawn.',
    CONSENT_EXPIRED: 'A consent it relies on expired.',
    ADVOCATE_ERASED: 'An advocate it features was erased.',
    INACCURATE: 'It is no longer accurate.',
    OTHER: 'Another reason, given in the note.',
  },
});

export const Department = enumOf(DEPARTMENTS);
registerDescribedEnum(Department, {
  name: 'Department',
  description: 'Which part of the business asks for a reference.',
  values: {
    SALES: 'Sales.',
    MARKETING: 'Marketing.',
    PR: 'Public relations.',
    PRODUCT: 'Product management.',
    CUSTOMER_SUCCESS: 'Customer success.',
    SUPPORT: 'Support.',
    ANALYST_RELATIONS: 'Analyst relations.',
  },
});

export const EngagementReleaseReason = enumOf(ENGAGEMENT_RELEASE_REASONS);
registerDescribedEnum(EngagementReleaseReason, {
  name: 'EngagementReleaseReason',
  description: 'Why a reserved advocate is released from an engagement.',
  values: {
    DECLINED: 'The advocate declined.',
    CANCELLED: 'The activity or request was cancelled.',
    CONSENT_WITHDRAWN: 'The consent it relied on was withdrawn.',
    CONSENT_EXPIRED: 'The consent it relied on expired.',
    OWNER_DECLINED: 'The account owner declined the ask.',
    ADVOCATE_UNAVAILABLE: 'The advocate can no longer take part (status, rest or erasure).',
    REQUEST_LAPSED: 'The request passed its due date unfulfilled.',
    ADVOCATE_LEFT_ACCOUNT: 'The advocate left their company (champion job change).',
  },
});

export const OpportunityStage = enumOf(OPPORTUNITY_STAGES);
registerDescribedEnum(OpportunityStage, {
  name: 'OpportunityStage',
  description: 'The sales stage of the opportunity a reference is for.',
  values: {
    PROSPECTING: 'Finding and qualifying the prospect.',
    DISCOVERY: "Learning the prospect's needs.",
    EVALUATION: 'The prospect evaluates the product.',
    PROPOSAL: 'A proposal is out.',
    NEGOTIATION: 'Terms are being negotiated.',
    CLOSING: 'The deal is about to close.',
  },
});

export const OutcomeResult = enumOf(OUTCOME_RESULTS);
registerDescribedEnum(OutcomeResult, {
  name: 'OutcomeResult',
  description: 'How the deal ended.',
  values: {
    WON: 'The deal was won.',
    LOST: 'The deal was lost.',
    NO_DECISION: 'The prospect decided nothing.',
  },
});

export const RequestPriority = enumOf(REQUEST_PRIORITIES);
registerDescribedEnum(RequestPriority, {
  name: 'RequestPriority',
  description: 'How urgent the program considers a request.',
  values: {
    LOW: 'Low.',
    NORMAL: 'Normal.',
    HIGH: 'High.',
    URGENT: 'Urgent: handle first.',
  },
});

export const RewardKind = enumOf(REWARD_KINDS);
registerDescribedEnum(RewardKind, {
  name: 'RewardKind',
  description: 'What the program gives back to an advocate; capped and disclosed.',
  values: {
    SPEAKING_SLOT: 'A speaking slot at one of our events.',
    ADVISORY_SEAT: 'A seat on the customer advisory board.',
    EARLY_ACCESS: 'Early access to new features.',
    EVENT_PASS: 'A pass to an event.',
    GIFT: 'A gift.',
    CHARITY_DONATION: "A donation to a charity of the advocate's choice.",
    TRAINING: 'Training or certification.',
  },
});

export const Role = enumOf(ROLES);
registerDescribedEnum(Role, {
  name: 'Role',
  description: 'A role a user holds in a tenant; a user may hold several.',
  values: {
    REQUESTER: 'Asks for references for opportunities (sales, marketing, PR, product).',
    ACCOUNT_OWNER: 'Owns customer relationships: approves asks of their customers, nominates happy ones.',
    PROGRAM_MANAGER: 'Runs the program: triage, nominations, consents, policies and targets.',
    AUDITOR: 'Reads everything and replays audit histories; changes nothing.',
    ADMIN: 'Tenant administrator: keys, erasure requests, legal holds.',
  },
});

export const SatisfactionEvidenceKind = enumOf(SATISFACTION_EVIDENCE_KINDS);
registerDescribedEnum(SatisfactionEvidenceKind, {
  name: 'SatisfactionEvidenceKind',
  description: 'The evidence that a nominated customer is happy.',
  values: {
    NPS_PROMOTER: 'The contact answered as an NPS promoter.',
    HIGH_CSAT: 'High customer satisfaction scores.',
    SUCCESS_STORY: 'A documented success with the product.',
    RENEWAL: 'The customer renewed.',
    EXPANSION: 'The customer expanded their use.',
    UNSOLICITED_PRAISE: 'The contact praised us unprompted.',
    OTHER: 'Other evidence, given in words.',
  },
});

export const Segment = enumOf(SEGMENTS);
registerDescribedEnum(Segment, {
  name: 'Segment',
  description: 'The customer segment of an account.',
  values: {
    ENTERPRISE: 'Large enterprises.',
    MID_MARKET: 'Mid-sized companies.',
    SMB: 'Small and medium businesses.',
    PUBLIC_SECTOR: 'Public sector organisations.',
  },
});

export const Seniority = enumOf(SENIORITIES);
registerDescribedEnum(Seniority, {
  name: 'Seniority',
  description: "An advocate's title level: what requesters see before the advocate has accepted.",
  values: {
    C_LEVEL: 'Chief officers (CEO, CIO, …).',
    VP: 'Vice presidents.',
    DIRECTOR: 'Directors.',
    MANAGER: 'Managers.',
    INDIVIDUAL_CONTRIBUTOR: 'Individual contributors.',
  },
});

const OWNER_CLEARANCE_KINDS = ['OWNER', 'OVERRIDE', 'SELF_SERVE', 'PM_FULFILLED'] as const;
export const OwnerClearanceKind = enumOf(OWNER_CLEARANCE_KINDS);
registerDescribedEnum(OwnerClearanceKind, {
  name: 'OwnerClearanceKind',
  description:
    'OWNER: the account owner approved the ask; OVERRIDE: a program manager overrode, with a reason.',
  values: {
    OWNER: 'The account owner approved.',
    OVERRIDE: 'A program manager overrode the owner, with a recorded reason.',
    SELF_SERVE: "The requester took the advocate from the owner's self-serve pool (the owner pre-approved).",
    PM_FULFILLED: 'A program manager asked under the PM_FULFILLED mode, without waiting for the owner.',
  },
});

const CONSENT_HOLDER_KINDS = ['ADVOCATE', 'ACCOUNT'] as const;
export const ConsentHolderKind = enumOf(CONSENT_HOLDER_KINDS);
registerDescribedEnum(ConsentHolderKind, {
  name: 'ConsentHolderKind',
  description: "Whose consent a content asset relies on: an advocate's, or the company's own (logo).",
  values: {
    ADVOCATE: "An advocate's own consent.",
    ACCOUNT: "The company's own consent (e.g. for its logo).",
  },
});

export const AttendanceParty = enumOf(ATTENDANCE_PARTIES);
registerDescribedEnum(AttendanceParty, {
  name: 'AttendanceParty',
  description: 'Who vouches that a scheduled call took place.',
  values: {
    ADVOCATE: 'The advocate (recorded by a program manager for them).',
    REQUESTER: 'The requester who picked the slot.',
    MEETING_PROVIDER: "The meeting provider's attendance signal (recorded by a program manager).",
  },
});

export const RequestMode = enumOf(REQUEST_MODES);
registerDescribedEnum(RequestMode, {
  name: 'RequestMode',
  description: 'How the program fulfils requests of a kind (issue 16).',
  values: {
    PM_FULFILLED: 'The program manager asks and schedules.',
    OWNER_APPROVED: 'The account owner approves each ask (the default).',
    SELF_SERVE: 'The requester takes an advocate from the pool the account owner pre-approved.',
    AUTO_COMPLETE: 'A content use under a standing consent is recorded at once, nothing scheduled.',
  },
});
