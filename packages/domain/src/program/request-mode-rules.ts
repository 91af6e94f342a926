import { ACTIVITY_KINDS, type ActivityKind } from '../shared/activity-kind';
import type { RuleOf } from '../shared/command-handlers';
import type { Command } from '../shared/domain-event';
import type { DecisionContext } from '../shared/decision-context';
import { validated } from '../shared/validator';
import type { ProgramEvent } from './program-events';
import { modeFitsKind, REQUEST_MODES, type RequestMode } from './request-modes';

/** Sets how requests are fulfilled: one mode for every kind, and the kinds set apart. */
export type SetRequestModePolicy = Command<
  'SetRequestModePolicy',
  { defaultMode: RequestMode; kindModes?: { kind: ActivityKind; mode: RequestMode }[] }
>;

function parseRequestModePolicy(d: SetRequestModePolicy['data']) {
  return validated((v) => {
    const defaultMode = v.oneOf('defaultMode', d.defaultMode, REQUEST_MODES);
    const perKind: Partial<Record<ActivityKind, RequestMode>> = {};
    (Array.isArray(d.kindModes) ? d.kindModes : []).forEach((row, i) => {
      const kind = v.oneOf(`kindModes[${i}].kind`, row?.kind, ACTIVITY_KINDS);
      const mode = v.oneOf(`kindModes[${i}].mode`, row?.mode, REQUEST_MODES);
      if (perKind[kind] !== undefined) v.fail(`kindModes[${i}].kind`, 'is listed twice');
      // A use recorded at once needs an asset to record it against: content kinds only.
      if (!modeFitsKind(mode, kind)) v.fail(`kindModes[${i}].mode`, `AUTO_COMPLETE fits content kinds only`);
      perKind[kind] = mode;
    });
    return { defaultMode, perKind };
  });
}

/** The payload parser of the request-mode command. */
export const requestModeParsers = { SetRequestModePolicy: parseRequestModePolicy };

type Rule = RuleOf<typeof requestModeParsers, 'SetRequestModePolicy', unknown, ProgramEvent, DecisionContext>;

const setRequestModePolicy: Rule = (policy, _, context) => [
  { type: 'RequestModePolicySet', data: { policy, setBy: context.actor.userId } },
];

/** The rule of the request modes. */
export const requestModeRules = { SetRequestModePolicy: setRequestModePolicy };
