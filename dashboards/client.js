// GraphQL for the dashboard's pages (app.js and the 大屏 wall.js): the access token kept per tab, and the named
// operations of queries/*.graphql sent by their persisted-document id.

// Access token: open a page once with ?token=…; it is kept in sessionStorage (this tab only, the same key as the
// dashboard's), removed from the address bar, and sent as a bearer token with every request.
export const tokenKey = 'analytics.dashboards.token';

export function takeTokenFromAddress() {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('token')) return;
  sessionStorage.setItem(tokenKey, params.get('token'));
  params.delete('token');
  const query = params.toString();
  window.history.replaceState(null, '', window.location.pathname + (query ? `?${query}` : '') + window.location.hash);
}

export const authHeaders = () => {
  const token = sessionStorage.getItem(tokenKey);
  return token ? { Authorization: `Bearer ${token}` } : {};
};

/** A token's claims (role, county, name, exp), read only for display: the server checks the signature. Null if unreadable. */
export function claimsOf(token) {
  const parts = String(token ?? '').trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? claims : null;
  } catch {
    return null;
  }
}

/**
 * Who the kept token says the caller is (role, county, name), for display and for the county to land on: the server
 * checks the signature and enforces the role, not this. Null without a readable token.
 */
export function signedIn() {
  const claims = claimsOf(sessionStorage.getItem(tokenKey));
  return claims && { role: claims.role ?? null, county: claims.county ?? null, name: claims.name ?? null };
}

/**
 * What a page does on the server's answers: <c>unauthorized()</c> on 401/403 returns the message to fail with (the
 * dashboard opens its sign-in dialog there); <c>answered(body)</c> sees every answer (the dashboard reads the build
 * time from its extensions).
 */
export const hooks = {
  unauthorized: () => '需要访问令牌：请以 ?token=… 打开本页（令牌只保存在本标签页）',
  answered: () => {},
};

export class HttpError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

const graphqlUrl = new URL('../graphql', window.location.href);
const documents = new Map();
export function documentText(name) {
  if (!documents.has(name)) {
    documents.set(name, fetch(`queries/${name}.graphql`, { headers: authHeaders() }).then((r) => {
      if (!r.ok) throw new HttpError(r.status, `queries/${name}.graphql: HTTP ${r.status}`);
      return r.text();
    }));
  }
  return documents.get(name);
}

// Each operation's persisted-document id (sha256 of its file), so servers in allow-list mode run the page's requests.
let documentIds;
function documentId(name) {
  documentIds ??= fetch('queries/documents.json', { headers: authHeaders() }).then((r) => (r.ok ? r.json() : {}), () => ({}));
  return documentIds.then((ids) => ids[name]);
}

async function post(request) {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', ...authHeaders() },
    body: JSON.stringify(request),
  });
  if (response.status === 401 || response.status === 403) {
    throw new HttpError(response.status, hooks.unauthorized());
  }
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(response.status, `HTTP ${response.status}`);
  }
  return { response, body };
}

/** Runs the operation of queries/{name}.graphql; its data, or an HttpError with the server's messages. */
export async function gql(name, variables = {}) {
  const id = await documentId(name);
  let { response, body } = id
    ? await post({ documentId: id, operationName: name, variables })
    : await post({ query: await documentText(name), operationName: name, variables });
  // A server that persists other documents than these (GraphQL:PersistedDocuments:Path elsewhere): send the text.
  if (id && body.errors?.some((e) => e.extensions?.code === 'DOCUMENT_NOT_FOUND')) {
    ({ response, body } = await post({ query: await documentText(name), operationName: name, variables }));
  }
  if (body.errors?.length) throw new HttpError(response.status, body.errors.map((e) => e.message).join('; '));
  if (!response.ok || !body.data) throw new HttpError(response.status, `HTTP ${response.status}`);
  hooks.answered(body);
  return body.data;
}
