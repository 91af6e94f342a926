import {
  DECISION_NEEDS,
  initialContentAssetState,
  referenceRequestDecider,
  type ContentAssetState,
  type ReferenceRequestState,
} from '../src';
import {
  accountCommand,
  advocateCommand,
  contentCommand,
  nominationCommand,
  requestCommand,
  reserveEngagement,
} from './support/builders';

const never = (): never => {
  throw new Error('the state was folded although the command needs nothing from it');
};

describe('what each decider declares it needs beyond its own stream', () => {
  it("an advocate's decision needs the program's policies, without folding its state", () => {
    expect(DECISION_NEEDS.Advocate.needs(advocateCommand('ActivateAdvocate', {}), never)).toEqual([
      { kind: 'policies' },
    ]);
  });

  it("a new ask also needs the suppressions of the advocate's account (issue 16)", () => {
    const state = { accountId: 'acme' } as never;
    expect(DECISION_NEEDS.Advocate.needs(reserveEngagement(), () => state)).toEqual([
      { kind: 'policies' },
      { kind: 'accountSuppressions', accountId: 'acme' },
    ]);
  });

  it('an account decision that may start or end a suppression needs the policies; others nothing', () => {
    expect(
      DECISION_NEEDS.Account.needs(accountCommand('RecordAccountHealth', { healthScore: 40 }), never),
    ).toEqual([{ kind: 'policies' }]);
    expect(
      DECISION_NEEDS.Account.needs(accountCommand('ArchiveAccount', { reason: 'Churned' }), never),
    ).toEqual([]);
  });

  it('a submitted nomination needs the policies and the facts of the account it names', () => {
    const submit = (accountId?: unknown) =>
      DECISION_NEEDS.Nomination.needs(nominationCommand('SubmitNomination', { accountId } as never), never);
    expect(submit('acme')).toEqual([{ kind: 'policies' }, { kind: 'nominatedAccount', accountId: 'acme' }]);
    // No account named (or not a string): the account is taken as missing, nothing is read for it.
    expect(submit(undefined)).toEqual([{ kind: 'policies' }, { kind: 'nominatedAccount' }]);
    expect(submit(42)).toEqual([{ kind: 'policies' }, { kind: 'nominatedAccount' }]);
  });

  it('publishing or reinstating content needs the consents of each holder; other commands nothing', () => {
    const state: ContentAssetState = {
      ...initialContentAssetState,
      holders: [
        { holder: 'ADVOCATE', holderId: 'ines' },
        { holder: 'ACCOUNT', holderId: 'acme' },
      ],
    };
    const holders = [
      { kind: 'consents', holder: 'ADVOCATE', holderId: 'ines' },
      { kind: 'consents', holder: 'ACCOUNT', holderId: 'acme' },
    ];
    expect(DECISION_NEEDS.ContentAsset.needs(contentCommand('PublishContent', {}), () => state)).toEqual(
      holders,
    );
    expect(DECISION_NEEDS.ContentAsset.needs(contentCommand('ReinstateContent', {}), () => state)).toEqual(
      holders,
    );
    expect(
      DECISION_NEEDS.ContentAsset.needs(contentCommand('RetireContent', { reason: 'old' }), never),
    ).toEqual([]);
  });

  it("an owner's approval or decline needs who acts for the candidate's account now", () => {
    const state: ReferenceRequestState = {
      ...referenceRequestDecider.initialState,
      candidates: { ines: { advocateId: 'ines', accountId: 'acme' } as never },
    };
    const approve = (advocateId: string) =>
      DECISION_NEEDS.ReferenceRequest.needs(requestCommand('ApproveAsk', { advocateId }), () => state);
    expect(approve('ines')).toEqual([{ kind: 'accountActors', accountId: 'acme' }]);
    expect(approve('omar')).toEqual([]);
    expect(DECISION_NEEDS.ReferenceRequest.needs(requestCommand('LapseRequest', {}), never)).toEqual([]);
  });

  it('accounts and the program need nothing', () => {
    expect(DECISION_NEEDS.Account.needs({ type: 'ArchiveAccount', commandId: 'c', data: {} }, never)).toEqual(
      [],
    );
    expect(
      DECISION_NEEDS.Program.needs({ type: 'SetNominationPolicy', commandId: 'c', data: {} }, never),
    ).toEqual([]);
  });
});
