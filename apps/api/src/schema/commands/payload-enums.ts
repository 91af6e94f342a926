import type { PayloadEnum } from '@vouch/domain';
import * as DOMAIN_ENUMS from '../enums/domain-enums';

/**
 * The GraphQL enum of each value list a command payload names: the API's enums carry the
 * domain's names, so the compiler refuses a payload enum the API does not define.
 */
export const PAYLOAD_ENUMS: Readonly<Record<PayloadEnum, object>> = DOMAIN_ENUMS;
