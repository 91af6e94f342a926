import type { ApolloServerPlugin } from '@apollo/server';
import type { VouchMetrics } from './vouch-metrics';

/** Times every GraphQL operation into the metrics, by (bounded) operation name, kind and outcome. */
export function metricsPlugin(metrics: VouchMetrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName, errors, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const failed =
            (errors?.length ?? 0) > 0 ||
            (response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0);
          metrics.operationDuration.observe(
            {
              operation: metrics.operationLabel(operationName ?? operation?.name?.value),
              kind: operation?.operation ?? 'unknown',
              outcome: failed ? 'error' : 'ok',
            },
            seconds,
          );
        },
      };
    },
  };
}
