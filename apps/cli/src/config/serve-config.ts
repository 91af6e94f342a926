// The configuration only `vouch serve` reads, required inside its action so that a cold start
// of any other command (`vouch token` above all) does not load these modules.
export { hasPublicKeys, loadAuthOptions, resolveAuthConfig } from './auth-config';
export { digestInterval } from './digest-interval';
export { resolveInboundConfig } from './inbound-config';
export { leaseTtl } from './lease-ttl';
export { metricsEnabled } from './metrics-enabled';
export { rateLimitPerMinute } from './rate-limit';
export { resolveSigningKey } from './signing-key';
export { tracingConfig } from './tracing-config';
export { webhookConfig } from './webhook-config';
