// Decorator metadata must exist before any type-graphql class is evaluated.
import 'reflect-metadata';

export * from './server/create-api-server';
export * from './server/api-server-options';
export * from './inbound/inbound-options';
export * from './auth/auth-options';
export * from './auth/token-verifier';
export * from './auth/authentication-error';
export * from './limits/limits-options';
export * from './errors/error-codes';
export * from './logging/create-logger';
export * from './schema/build-schema';
export * from './schema/print-schema';
export * from './limits/postgres-rate-limits';
export * from './metrics/vouch-metrics';
export * from './metrics/instrumented';
export * from './tracing/vouch-tracing';
export * from './tracing/traced-store';
export * from './tracing/traced-commands';
export * from './tracing/background-step-spans';
