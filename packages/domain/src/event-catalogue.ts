import type { EventDefinition } from './shared/event-definition';
import type { PersonalDataDeclaration } from './shared/personal-data';

/** Every event type of the domain, with its version, fields and personal data. */
export const EVENT_CATALOGUE: readonly EventDefinition[] = [];

const byType = new Map(EVENT_CATALOGUE.map((d) => [d.type, d]));

/** The catalogue entry of an event type, if it is one of the domain's. */
export function eventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}

/** The personal data an event type carries (what the event store encrypts), if any. */
export function personalDataOf(type: string): PersonalDataDeclaration | undefined {
  return byType.get(type)?.personalData;
}
