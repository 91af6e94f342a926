#!/usr/bin/env node
// `npm start`: the API on the embedded store with demo data. Until the API app lands
// (issue "GraphQL API"), say so plainly instead of pretending to serve.
const fs = require('node:fs');
const path = require('node:path');

const cli = path.join(__dirname, '..', 'apps', 'cli', 'dist', 'main.js');
if (!fs.existsSync(cli)) {
  console.log('Vouch: the GraphQL API and the `vouch serve` command arrive with a later issue.');
  console.log('Today the domain library is here: run `npm test` to see its specifications pass.');
  process.exit(0);
}
require(cli);
