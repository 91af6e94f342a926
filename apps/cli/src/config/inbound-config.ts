import type { ChatTenantOptions, InboundOptions } from '@vouch/api';
import { ROLES, type Role } from '@vouch/domain/roles';
import { ConfigError } from './config-error';

type Env = Readonly<Record<string, string | undefined>>;

/** A signing secret shorter than this is guessable. */
const MIN_SECRET_LENGTH = 16;

function json(name: string, text: string, issues: string[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    issues.push(`${name} must be a JSON object (see README "Connect your CRM and chat").`);
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A JSON map of tenant ids to signing secrets (the CRM's and the meeting provider's). */
function tenantSecrets(env: Env, name: string, issues: string[]): Record<string, string> | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const parsed = json(name, text, issues);
  if (parsed === undefined) return undefined;
  const secrets: Record<string, string> = {};
  if (!isRecord(parsed)) {
    issues.push(`${name} must map tenant ids to secrets: {"acme-corp":"…"}.`);
    return undefined;
  }
  for (const [tenant, secret] of Object.entries(parsed)) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
      issues.push(`${name}: the secret of ${tenant} must be at least ${MIN_SECRET_LENGTH} characters.`);
    } else secrets[tenant] = secret;
  }
  return secrets;
}

function chatTenants(env: Env, issues: string[]): Record<string, ChatTenantOptions> | undefined {
  const text = env.VOUCH_CHAT_INTAKE?.trim();
  if (!text) return undefined;
  const parsed = json('VOUCH_CHAT_INTAKE', text, issues);
  if (!isRecord(parsed)) {
    if (parsed !== undefined)
      issues.push('VOUCH_CHAT_INTAKE must map tenant ids to { signingSecret, users }.');
    return undefined;
  }
  const tenants: Record<string, ChatTenantOptions> = {};
  for (const [tenant, value] of Object.entries(parsed)) {
    const signingSecret = isRecord(value) ? value.signingSecret : undefined;
    const users = isRecord(value) ? value.users : undefined;
    if (typeof signingSecret !== 'string' || signingSecret.length < MIN_SECRET_LENGTH || !isRecord(users)) {
      issues.push(
        `VOUCH_CHAT_INTAKE: ${tenant} needs a signingSecret of at least ${MIN_SECRET_LENGTH} characters and a users map.`,
      );
      continue;
    }
    const mapped: Record<string, { userId: string; roles: Role[] }> = {};
    for (const [chatUser, user] of Object.entries(users)) {
      const userId = isRecord(user) ? user.userId : undefined;
      const roles = isRecord(user) && Array.isArray(user.roles) ? (user.roles as unknown[]) : [];
      if (
        typeof userId !== 'string' ||
        userId === '' ||
        roles.length === 0 ||
        !roles.every((r) => ROLES.includes(r as Role))
      ) {
        issues.push(
          `VOUCH_CHAT_INTAKE: ${tenant} user ${chatUser} needs a userId and roles among ${ROLES.join(', ')}.`,
        );
        continue;
      }
      mapped[chatUser] = { userId, roles: roles as Role[] };
    }
    tenants[tenant] = { signingSecret, users: mapped };
  }
  return tenants;
}

function wholeNumber(env: Env, name: string, issues: string[]): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  if (!/^\d{1,9}$/.test(text)) {
    issues.push(`${name} must be a whole number (got "${text}").`);
    return undefined;
  }
  return Number(text);
}

/**
 * The inbound integrations from the environment: VOUCH_CRM_INBOUND_SECRETS,
 * VOUCH_MEETING_INBOUND_SECRETS, VOUCH_CHAT_INTAKE, VOUCH_INBOUND_TOLERANCE_SECONDS,
 * VOUCH_CRM_PARKED_RETRY_MS, VOUCH_CHAT_CURRENCY. Undefined when none of the CRM, meetings or
 * chat is configured; throws ConfigError listing every wrong value.
 */
export function resolveInboundConfig(env: Env): InboundOptions | undefined {
  const issues: string[] = [];
  const crm = tenantSecrets(env, 'VOUCH_CRM_INBOUND_SECRETS', issues);
  const meetings = tenantSecrets(env, 'VOUCH_MEETING_INBOUND_SECRETS', issues);
  const chat = chatTenants(env, issues);
  const toleranceSeconds = wholeNumber(env, 'VOUCH_INBOUND_TOLERANCE_SECONDS', issues);
  const parkedRetryMs = wholeNumber(env, 'VOUCH_CRM_PARKED_RETRY_MS', issues);
  const currency = env.VOUCH_CHAT_CURRENCY?.trim();
  if (currency && !/^[A-Z]{3}$/.test(currency))
    issues.push(`VOUCH_CHAT_CURRENCY must be an ISO 4217 code such as EUR.`);
  if (issues.length > 0) throw new ConfigError(issues);
  if (!crm && !meetings && !chat) return undefined;
  return {
    ...(crm ? { crmSecrets: crm } : {}),
    ...(meetings ? { meetingSecrets: meetings } : {}),
    ...(chat ? { chat } : {}),
    ...(toleranceSeconds !== undefined ? { toleranceSeconds } : {}),
    ...(parkedRetryMs !== undefined ? { parkedRetryMs } : {}),
    ...(currency ? { chatCurrency: currency } : {}),
  };
}
