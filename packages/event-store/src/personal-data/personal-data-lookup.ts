import type { PersonalDataDeclaration } from '@vouch/domain';

/** Which fields of an event type are personal (the domain's catalogue by default). */
export type PersonalDataLookup = (type: string) => PersonalDataDeclaration | undefined;
