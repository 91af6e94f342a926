import type { ApolloServerPlugin } from '@apollo/server';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { codeAttribute, operationNameAttribute } from './span-attributes';

/**
 * Opens the server span of each GraphQL request, as the child of the caller's `traceparent`
 * when it sends one, and runs the rest of the request inside it: the command and store spans
 * of the operation become its children. Mounted after the body is parsed, so the request's
 * async work starts inside the span's context.
 */
export function graphqlTracingMiddleware(tracer: Tracer, route: string): RequestHandler {
  return (req, res, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(
      'graphql',
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method, 'http.route': route },
      },
      parent,
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(trace.setSpan(parent, span), next);
  };
}

/**
 * Names the request's span after the operation (`mutation SubmitReferenceRequest`) and adds
 * its type and name and the error codes of the response: never the document or variables,
 * which may carry personal data.
 */
export function graphqlTracingPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const span = trace.getActiveSpan();
      if (!span) return {};
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          const name = operationNameAttribute(operationName ?? operation.name?.value);
          span.updateName(`${operation.operation} ${name}`);
          span.setAttributes({
            'graphql.operation.type': operation.operation,
            'graphql.operation.name': name,
          });
        },
        async willSendResponse({ errors, response }) {
          // The response's errors are the formatted ones (with the codes clients see).
          const all =
            response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : (errors ?? []);
          const codes = [...new Set(all.map((error) => codeAttribute(error.extensions?.code)))];
          span.setAttribute('vouch.graphql.outcome', codes.length > 0 ? 'error' : 'ok');
          if (codes.length > 0) {
            span.setAttribute('vouch.graphql.error_codes', codes);
            span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(',') });
          }
        },
      };
    },
  };
}
