// The project resolves modules the classic way ("moduleResolution": "node"), which does not
// read package `exports`; Node does, and loads graphql-ws's CommonJS build of `use/ws`.
// This points TypeScript at the typings of that same build.
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws.cjs';
}
