/**
 * Hostile documents whose size is small but whose number of paths is exponential: `levels`
 * fragments, each spreading the next `width` times (width^levels paths). A server that walks
 * a fragment again at every spread takes minutes on 10 × 10 (1.1 KB).
 */
export interface FanOut {
  readonly name: string;
  readonly query: string;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** `levels` fragments on `type`, each spreading the next `width` times, the last selecting `leaf`. */
export function fragmentChain(
  type: string,
  leaf: string,
  levels: number,
  width: number,
  spread: (next: string) => string = (next) => `...${next}`,
): string {
  return range(levels)
    .map((level) => {
      const body =
        level === levels - 1
          ? leaf
          : range(width)
              .map(() => spread(`F${level + 1}`))
              .join(' ');
      return `fragment F${level} on ${type} { ${body} }`;
    })
    .join('\n');
}

/** The fan-out family over HTTP: queries through `viewer` and `Query` itself. */
export function httpFanOuts(levels = 10, width = 10): FanOut[] {
  return [
    {
      name: `${levels} fragments × ${width} spreads on Viewer`,
      query: `query { viewer { ...F0 } }\n${fragmentChain('Viewer', 'userId', levels, width)}`,
    },
    {
      name: `${levels} fragments × ${width} spreads on Query ending in __typename`,
      query: `query { ...F0 }\n${fragmentChain('Query', '__typename', levels, width)}`,
    },
    {
      name: `${levels} fragments × ${width} spreads each wrapped in an inline fragment`,
      query: `query { viewer { ...F0 } }\n${fragmentChain('Viewer', 'userId', levels, width, (next) => `... on Viewer { ...${next} }`)}`,
    },
    {
      name: `${levels} fragments × ${width} spreads, each @include(if: true)`,
      query: `query { viewer { ...F0 } }\n${fragmentChain('Viewer', 'userId', levels, width, (next) => `...${next} @include(if: true)`)}`,
    },
    {
      name: `${levels} fragments × ${width} spreads through a nested field`,
      query: `query { ...F0 }\n${fragmentChain('Query', 'viewer { userId }', levels, width, (next) => `...${next}`)}`,
    },
  ];
}

/** The fan-out over WebSocket: a subscription whose payload selection fans out. */
export function subscriptionFanOut(levels = 10, width = 10): string {
  return `subscription { requestStatusChanged { ...F0 } }\n${fragmentChain('RequestStatusChange', 'eventType', levels, width)}`;
}
