/**
 * Serves the H5 build and proxies /v1/* to the API on the same origin, so the app needs no CORS and
 * no API URL baked in. Unknown paths fall back to index.html (the hash router needs none, but a
 * browser-mode router would).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

export function startH5Server(options: { port: number; root: string; apiUrl: string; host?: string }): Promise<Server> {
  const api = new URL(options.apiUrl);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/v1/')) {
      // A fresh connection per request: Node 20's global agent keeps sockets alive, and reusing one
      // that serverless-offline has just closed fails the request with ECONNRESET.
      const upstream = request(
        { hostname: api.hostname, port: api.port, path: req.url, method: req.method, headers: { ...req.headers, host: api.host }, agent: false },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        // The API's own "retry later" answer (a catalogued code), as API Gateway would give it.
        if (!res.headersSent) res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ error: { code: 'unavailable', message: 'The API is not reachable; retry' } }));
      });
      req.pipe(upstream);
      return;
    }
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(options.root, relative);
    if (!file.startsWith(options.root) || !existsSync(file) || statSync(file).isDirectory()) file = join(options.root, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('The H5 app is not built yet: npm run build:h5');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=300',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host ?? '127.0.0.1', () => done(server));
  });
}
