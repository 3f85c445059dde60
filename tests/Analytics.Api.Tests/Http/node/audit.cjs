// graphql-http's audit of the GraphQL over HTTP specification (https://graphql.github.io/graphql-over-http/), run
// against a live server the way its authors run it on other servers.
// Usage: node audit.cjs NODE_MODULES URL TOKEN -> [{ id, name, status, reason }] for every audit (a JSON array)
// TOKEN is sent as a bearer token on every request: this API answers no anonymous GraphQL request.
'use strict';
const path = require('node:path');

const [nodeModules, url, token] = process.argv.slice(2);
const { serverAudits } = require(path.resolve(nodeModules, 'graphql-http'));

async function fetchWithToken(input, init) {
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
}

(async () => {
  const results = [];
  for (const audit of serverAudits({ url, fetchFn: fetchWithToken })) {
    const result = await audit.fn();
    results.push({ id: result.id, name: result.name, status: result.status, reason: result.reason ?? null });
  }
  process.stdout.write(JSON.stringify(results));
})().catch(error => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
