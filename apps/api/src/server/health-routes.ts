import type { Vouch } from '@vouch/application';
import { Router } from 'express';
import { scopeOf } from './request-context';

/** The tenant the readiness probe reads from: no real tenant, so it reveals nothing. */
const PROBE_TENANT = '__readiness_probe__';

/**
 * `/healthz`: the process is up. `/readyz`: the event store answers a read; 503 when it
 * does not, so a load balancer stops sending traffic until it does.
 */
export function healthRoutes(vouch: Vouch): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    try {
      await vouch.store.streamVersion(PROBE_TENANT, 'readiness');
      res.json({ status: 'ready' });
    } catch (error) {
      scopeOf(req).logger.warn({ err: error }, 'readiness check failed: the event store does not answer');
      res.status(503).json({ status: 'unavailable', reason: 'STORE_UNAVAILABLE' });
    }
  });
  return router;
}
