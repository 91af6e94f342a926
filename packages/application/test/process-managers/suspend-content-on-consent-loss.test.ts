import { suspendContentOnConsentLoss as manager } from '../../src/process-managers/suspend-content-on-consent-loss';
import { commandsOf, givenWhen } from '../support/process-manager-spec';

const relies = (holder: string, holderId: string, consentId: string) => ({
  holder,
  holderId,
  consentId,
  consentVersion: 1,
});
const drafted = (contentId: string, kind = 'CASE_STUDY') => ['ContentDrafted', { contentId, kind }] as const;
const published = (contentId: string, ...reliesOn: unknown[]) =>
  ['ContentPublished', { contentId, reliesOn }] as const;
const suspend = (contentId: string, consentId: string, reason = 'CONSENT_WITHDRAWN', step = contentId) => ({
  type: 'SuspendContent',
  aggregateId: contentId,
  data: { reason, consentId },
  commandId: expect.stringMatching(new RegExp(`^suspend-content-on-consent-loss:e\\d+:${step}$`)),
});

describe('suspend content on consent loss', () => {
  it('suspends published content relying on a withdrawn advocate consent', () => {
    const { reactions } = givenWhen(
      manager,
      [drafted('c1'), published('c1', relies('ADVOCATE', 'a1', 'k1'))],
      ['ConsentWithdrawn', { advocateId: 'a1', consentId: 'k1' }],
    );
    expect(commandsOf(reactions)).toEqual([suspend('c1', 'k1')]);
  });

  it('names an expiry as the reason when the consent expired', () => {
    const { reactions } = givenWhen(
      manager,
      [drafted('c1'), published('c1', relies('ADVOCATE', 'a1', 'k1'))],
      ['ConsentExpired', { advocateId: 'a1', consentId: 'k1' }],
    );
    expect(commandsOf(reactions)).toEqual([suspend('c1', 'k1', 'CONSENT_EXPIRED')]);
  });

  it("suspends content relying on an account's consent when the account withdraws it for that kind", () => {
    const { reactions } = givenWhen(
      manager,
      [drafted('c1', 'LOGO'), published('c1', relies('ACCOUNT', 'acc', 'k9'))],
      ['AccountConsentWithdrawn', { accountId: 'acc', consentId: 'k9', kinds: ['LOGO'] }],
    );
    expect(commandsOf(reactions)).toEqual([suspend('c1', 'k9')]);
  });

  it('leaves content of a kind the withdrawal does not cover', () => {
    const { reactions } = givenWhen(
      manager,
      [drafted('c1', 'CASE_STUDY'), published('c1', relies('ADVOCATE', 'a1', 'k1'))],
      ['ConsentWithdrawn', { advocateId: 'a1', consentId: 'k1', kinds: ['LOGO'] }],
    );
    expect(reactions).toEqual([]);
  });

  it("leaves content relying on another holder's consent of the same id", () => {
    const { reactions } = givenWhen(
      manager,
      [drafted('c1'), published('c1', relies('ACCOUNT', 'a1', 'k1'))],
      ['ConsentWithdrawn', { advocateId: 'a1', consentId: 'k1' }],
    );
    expect(reactions).toEqual([]);
  });

  it('leaves content that is no longer published (suspended or retired)', () => {
    const { reactions } = givenWhen(
      manager,
      [
        drafted('c1'),
        published('c1', relies('ADVOCATE', 'a1', 'k1')),
        ['ContentSuspended', { contentId: 'c1', reason: 'MANUAL' }],
        drafted('c2'),
        published('c2', relies('ADVOCATE', 'a1', 'k1')),
        ['ContentRetired', { contentId: 'c2', reason: 'old' }],
      ],
      ['ConsentWithdrawn', { advocateId: 'a1', consentId: 'k1' }],
    );
    expect(reactions).toEqual([]);
  });

  it('follows a reinstatement onto the consents it now relies on', () => {
    const { reactions } = givenWhen(
      manager,
      [
        drafted('c1'),
        published('c1', relies('ADVOCATE', 'a1', 'k1')),
        ['ContentSuspended', { contentId: 'c1', reason: 'CONSENT_WITHDRAWN', consentId: 'k1' }],
        ['ContentReinstated', { contentId: 'c1', reliesOn: [relies('ADVOCATE', 'a1', 'k2')] }],
      ],
      ['ConsentWithdrawn', { advocateId: 'a1', consentId: 'k2' }],
    );
    expect(commandsOf(reactions)).toEqual([suspend('c1', 'k2')]);
    expect(
      givenWhen(
        manager,
        [drafted('c1'), published('c1', relies('ADVOCATE', 'a1', 'k1'))],
        ['ContentReinstated', { contentId: 'c1', reliesOn: [relies('ADVOCATE', 'a1', 'k2')] }],
      ).reactions,
    ).toEqual([]);
  });

  it('suspends every asset relying on the consent, each with its own command id', () => {
    const { reactions, event } = givenWhen(
      manager,
      [
        drafted('c1'),
        published('c1', relies('ADVOCATE', 'a1', 'k1')),
        drafted('c2'),
        published('c2', relies('ACCOUNT', 'acc', 'x'), relies('ADVOCATE', 'a1', 'k1')),
      ],
      ['ConsentWithdrawn', { advocateId: 'a1', consentId: 'k1' }],
    );
    expect(commandsOf(reactions)).toEqual([suspend('c1', 'k1'), suspend('c2', 'k1')]);
    expect(reactions.map((r) => r.kind === 'command' && r.command.causationId)).toEqual([
      event.eventId,
      event.eventId,
    ]);
  });
});
