// A minimal HTTPS client for the bench: the server's certificate is its own
// self-signed one, so verification is off for this one origin only (not
// process-wide through NODE_TLS_REJECT_UNAUTHORIZED).
import { request as httpsRequest } from 'node:https';

export function request(origin, method, path, { body, token, headers = {} } = {}) {
  const url = new URL(path, origin);
  const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
  const h = { Accept: 'application/json', ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (data) {
    h['Content-Type'] = 'application/json';
    h['Content-Length'] = String(data.length);
  }
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method, headers: h, rejectUnauthorized: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

// JSON API call; throws unless the status is one of `expect`.
export async function api(origin, method, path, body, token, expect = [200, 201, 202, 204]) {
  const r = await request(origin, method, path, { body, token });
  const text = r.bytes.toString('utf8');
  const json = text ? JSON.parse(text) : null;
  if (!expect.includes(r.status)) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
  return json;
}
