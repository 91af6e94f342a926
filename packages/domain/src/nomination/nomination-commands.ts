import type { AdvocateAttributesData } from '../advocate/advocate-commands';
import type { Command } from '../shared/domain-event';
import type { SatisfactionEvidenceKind } from './nomination-events';

export type SubmitNomination = Command<
  'SubmitNomination',
  AdvocateAttributesData & {
    nominationId: string;
    accountId: string;
    /** The id the advocate will have once enrolled; personal data is keyed to it. */
    candidateId: string;
    name: string;
    email: string;
    phone?: string;
    title: string;
    evidenceKind: SatisfactionEvidenceKind;
    evidence: string;
    /** A program manager's reason to nominate from an account below the health threshold. */
    healthOverrideReason?: string;
  }
>;
export type ApproveNomination = Command<'ApproveNomination', { note?: string }>;
export type RejectNomination = Command<'RejectNomination', { reason: string }>;
export type WithdrawNomination = Command<'WithdrawNomination', { reason: string }>;

export type NominationCommand = SubmitNomination | ApproveNomination | RejectNomination | WithdrawNomination;
