import { accountActorsAt, accountDecider, type AccountEvent, type AccountState } from '../src';
import { accountCommand, actors, context, day, NOW } from './support/builders';
import { specification } from './support/specification';

const account = specification(accountDecider, () => context({ actor: actors.accountOwner }));

const profile = {
  name: 'Acme GmbH',
  industry: 'Manufacturing',
  segment: 'ENTERPRISE' as const,
  region: 'EMEA',
  products: ['Planner'],
};
const registered: AccountEvent = {
  type: 'AccountRegistered',
  data: { accountId: 'acme', ...profile, ownerId: 'olga-ae', registeredAt: day(-100) },
};
const archived: AccountEvent = {
  type: 'AccountArchived',
  data: { accountId: 'acme', reason: 'Churned', archivedAt: day(-1) },
};
const logoConsent = {
  consentId: 'logo-1',
  kinds: ['LOGO' as const],
  territories: ['GLOBAL'],
  channels: ['WEB' as const, 'PRINT' as const],
  validFrom: day(0),
  collectionMethod: 'E_SIGNATURE' as const,
  collectedAt: day(-1),
  noticeVersion: 'logo-terms-3',
};

describe('an account', () => {
  it('is registered with its profile and owner', () => {
    account
      .given([])
      .when(accountCommand('RegisterAccount', { accountId: 'acme', ownerId: 'olga-ae', ...profile }))
      .thenEvents((events, state) => {
        expect(events).toEqual([{ ...registered, data: { ...registered.data, registeredAt: NOW } }]);
        expect(state).toMatchObject({ status: 'ACTIVE', ownerId: 'olga-ae', profile });
      });
  });

  it('is registered once', () => {
    account
      .given([registered])
      .when(accountCommand('RegisterAccount', { accountId: 'acme', ownerId: 'olga-ae', ...profile }))
      .thenThrows('ALREADY_EXISTS');
  });

  it('records health with who measured it and when', () => {
    account
      .given([registered])
      .when(accountCommand('RecordAccountHealth', { healthScore: 82, nps: 40, csat: 91.5 }))
      .thenEvents((events, state) => {
        expect(events).toEqual([
          {
            type: 'AccountHealthRecorded',
            data: {
              accountId: 'acme',
              healthScore: 82,
              nps: 40,
              csat: 91.5,
              recordedBy: 'olga-ae',
              measuredAt: NOW,
            },
          },
        ]);
        expect(state.health).toMatchObject({ healthScore: 82, measuredAt: NOW });
      });
  });

  it('is reassigned to a new owner, remembering the previous one', () => {
    account
      .given([registered])
      .when(accountCommand('ReassignAccountOwner', { ownerId: 'otto-ae', reason: 'Territory change' }))
      .then([
        {
          type: 'AccountOwnerReassigned',
          data: {
            accountId: 'acme',
            previousOwnerId: 'olga-ae',
            ownerId: 'otto-ae',
            reason: 'Territory change',
          },
        },
      ]);
  });

  it("records the company's own consent for its logo, and its withdrawal", () => {
    account
      .given([registered])
      .when(accountCommand('GrantAccountConsent', logoConsent))
      .thenEvents(([event], state) => {
        expect(event).toMatchObject({
          type: 'AccountConsentGranted',
          data: { accountId: 'acme', kinds: ['LOGO'] },
        });
        expect(state.consents['logo-1']?.scope.territories).toEqual(['GLOBAL']);
      });
    const granted = accountDecider.decide(
      accountCommand('GrantAccountConsent', logoConsent),
      [registered].reduce(accountDecider.evolve, accountDecider.initialState),
      context(),
    );
    account
      .given([registered, ...granted])
      .when(accountCommand('WithdrawAccountConsent', { consentId: 'logo-1', reason: 'Rebranding' }))
      .thenEvents((_events, state) => expect(state.consents['logo-1']?.withdrawnKinds).toEqual(['LOGO']));
  });

  it('an unregistered account is NOT_FOUND', () => {
    account
      .given([])
      .when(accountCommand('ArchiveAccount', { reason: 'x' }))
      .thenThrows('NOT_FOUND');
  });

  // Invariant 7
  it('an archived account accepts no further change', () => {
    account
      .given([registered, archived])
      .when(accountCommand('ArchiveAccount', { reason: 'again' }))
      .thenThrows('INVALID_TRANSITION', /ARCHIVED/);
    account
      .given([registered, archived])
      .when(accountCommand('RecordAccountHealth', { healthScore: 50 }))
      .thenThrows('INVALID_TRANSITION');
  });

  describe('delegation (invariant 11)', () => {
    const delegated: AccountEvent = {
      type: 'AccountDelegated',
      data: {
        accountId: 'acme',
        ownerId: 'olga-ae',
        delegateId: 'dan-ae',
        until: day(14),
        reason: 'Parental leave',
        delegatedBy: 'olga-ae',
      },
    };
    const stateOf = (events: AccountEvent[]): AccountState =>
      events.reduce(accountDecider.evolve, accountDecider.initialState);

    it('lets a colleague act for the account until a date, recording who delegated', () => {
      account
        .given([registered])
        .when(
          accountCommand('DelegateAccount', {
            delegateId: 'dan-ae',
            until: day(14),
            reason: 'Parental leave',
          }),
        )
        .thenEvents((events, state) => {
          expect(events).toEqual([delegated]);
          expect(accountActorsAt(state, NOW)).toEqual(['olga-ae', 'dan-ae']);
        });
    });

    it('ends by itself at its date', () => {
      expect(accountActorsAt(stateOf([registered, delegated]), day(14))).toEqual(['olga-ae']);
    });

    it('must end in the future and is not for the owner', () => {
      account
        .given([registered])
        .when(accountCommand('DelegateAccount', { delegateId: 'dan-ae', until: day(0), reason: 'x' }))
        .thenThrows('VALIDATION_FAILED', /future/);
      account
        .given([registered])
        .when(accountCommand('DelegateAccount', { delegateId: 'olga-ae', until: day(3), reason: 'x' }))
        .thenThrows('VALIDATION_FAILED', /owner/);
    });

    it('can be revoked early; revoking one that does not exist is NOT_FOUND', () => {
      account
        .given([registered, delegated])
        .when(accountCommand('RevokeAccountDelegation', { delegateId: 'dan-ae' }))
        .thenEvents((events, state) => {
          expect(events).toEqual([
            {
              type: 'AccountDelegationRevoked',
              data: { accountId: 'acme', delegateId: 'dan-ae', revokedBy: 'olga-ae' },
            },
          ]);
          expect(accountActorsAt(state, NOW)).toEqual(['olga-ae']);
        });
      account
        .given([registered])
        .when(accountCommand('RevokeAccountDelegation', { delegateId: 'dan-ae' }))
        .thenThrows('NOT_FOUND');
    });

    it("moves with the account: a new owner starts without the previous owner's delegates", () => {
      const reassigned: AccountEvent = {
        type: 'AccountOwnerReassigned',
        data: {
          accountId: 'acme',
          previousOwnerId: 'olga-ae',
          ownerId: 'otto-csm',
          reason: 'Territory change',
        },
      };
      expect(accountActorsAt(stateOf([registered, delegated, reassigned]), NOW)).toEqual(['otto-csm']);
    });
  });
});
