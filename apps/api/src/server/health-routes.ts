import type { Vouch } from '@vouch/application';
import { Router } from 'express';
import { scopeOf } from './request-context';

/** The tenant the readiness probe reads from: no real tenant, so it reveals nothing. */
const PROBE_TENANT = '__readiness_probe__';

/**
 * `/healthz`: the process is up. `/readyz`: the event store answers a read and (where the
 * store can tell) can write — not on a full disk or a read-only file; 503 with the reason
 * when not, so a load balancer stops sending traffic until it is.
 */
export function healthRoutes(vouch: Vouch): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    try {
      await vouch.store.streamVersion(PROBE_TENANT, 'readiness');
      const writable = await vouch.store.readiness?.();
      if (writable && !writable.ready) {
        const reason = writable.reason === 'UNAVAILABLE' ? 'STORE_UNAVAILABLE' : writable.reason;
        scopeOf(req).logger.warn({ reason }, 'readiness check failed: the event store cannot write');
        res.status(503).json({ status: 'unavailable', reason });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      scopeOf(req).logger.warn({ err: error }, 'readiness check failed: the event store does not answer');
      res.status(503).json({ status: 'unavailable', reason: 'STORE_UNAVAILABLE' });
    }
  });
  return router;
}
