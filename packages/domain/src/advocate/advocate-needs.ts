import type { DecisionNeeds } from '../shared/decision-needs';
import type { AdvocateCommand } from './advocate-commands';
import type { AdvocateState } from './advocate-state';

/** Every advocate decision may hold a gate of the program's policies (fatigue, consent rules). */
export const advocateNeeds: DecisionNeeds<AdvocateCommand, AdvocateState> = {
  needs: () => [{ kind: 'policies' }],
};
