import {
  DEFAULT_PROGRAM_POLICIES,
  programDecider,
  requestModeFor,
  type ProgramEvent,
  type ProgramState,
} from '../src';
import { actors, context, programCommand } from './support/builders';
import { specification } from './support/specification';

const program = specification(programDecider, () => context({ actor: actors.programManager }));

describe('Request modes (issue 16): the program sets how requests of each kind are fulfilled', () => {
  it('a program that never set its modes is owner-approved for every kind (today’s behaviour)', () => {
    expect(DEFAULT_PROGRAM_POLICIES.requestModes).toBeUndefined();
    expect(requestModeFor(undefined, 'REFERENCE_CALL')).toBe('OWNER_APPROVED');
    expect(requestModeFor(undefined, 'QUOTE')).toBe('OWNER_APPROVED');
  });

  it('given no modes, when the PM sets a default and kinds apart, then RequestModePolicySet names them', () => {
    program
      .given([])
      .when(
        programCommand('SetRequestModePolicy', {
          defaultMode: 'PM_FULFILLED',
          kindModes: [
            { kind: 'REFERENCE_CALL', mode: 'SELF_SERVE' },
            { kind: 'QUOTE', mode: 'AUTO_COMPLETE' },
          ],
        }),
      )
      .thenEvents((events, state: ProgramState) => {
        expect(events).toEqual<ProgramEvent[]>([
          {
            type: 'RequestModePolicySet',
            data: {
              policy: {
                defaultMode: 'PM_FULFILLED',
                perKind: { REFERENCE_CALL: 'SELF_SERVE', QUOTE: 'AUTO_COMPLETE' },
              },
              setBy: actors.programManager.userId,
            },
          },
        ]);
        const modes = state.policies.requestModes;
        expect(requestModeFor(modes, 'REFERENCE_CALL')).toBe('SELF_SERVE');
        expect(requestModeFor(modes, 'QUOTE')).toBe('AUTO_COMPLETE');
        expect(requestModeFor(modes, 'SITE_VISIT')).toBe('PM_FULFILLED');
      });
  });

  it('when AUTO_COMPLETE is set for a kind that leaves no asset, then it is refused (VALIDATION_FAILED)', () => {
    program
      .given([])
      .when(
        programCommand('SetRequestModePolicy', {
          defaultMode: 'OWNER_APPROVED',
          kindModes: [{ kind: 'REFERENCE_CALL', mode: 'AUTO_COMPLETE' }],
        }),
      )
      .thenThrows('VALIDATION_FAILED', /content kinds only/);
  });

  it('when a kind is listed twice or a mode is unknown, then it is refused (VALIDATION_FAILED)', () => {
    program
      .given([])
      .when(
        programCommand('SetRequestModePolicy', {
          defaultMode: 'SOMETIMES' as never,
          kindModes: [
            { kind: 'QUOTE', mode: 'SELF_SERVE' },
            { kind: 'QUOTE', mode: 'PM_FULFILLED' },
          ],
        }),
      )
      .thenThrows('VALIDATION_FAILED', /defaultMode.*kindModes\[1\]\.kind is listed twice/);
  });

  it('a default of AUTO_COMPLETE governs content kinds only; the others stay owner-approved', () => {
    const modes = { defaultMode: 'AUTO_COMPLETE' as const, perKind: {} };
    expect(requestModeFor(modes, 'CASE_STUDY')).toBe('AUTO_COMPLETE');
    expect(requestModeFor(modes, 'REFERENCE_CALL')).toBe('OWNER_APPROVED');
  });

  it('when someone not a program manager sets the modes, then it is refused (FORBIDDEN)', () => {
    program
      .given([])
      .when(programCommand('SetRequestModePolicy', { defaultMode: 'SELF_SERVE' }), {
        actor: actors.accountOwner,
      })
      .thenThrows('FORBIDDEN');
  });
});
