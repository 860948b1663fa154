import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * Builds and serves the customer softphone page (customer.ts) that e2e tests open
 * in Chromium as the caller/callee on the far side of Kamailio.
 */

const here = import.meta.dirname;

/** Bundles customer.ts (with sip.js) into outDir/customer.js beside a copy of index.html; returns outDir. */
export async function buildCustomerPage(outDir: string): Promise<string> {
  fs.mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(here, 'customer.ts')],
    outfile: path.join(outDir, 'customer.js'),
    platform: 'browser',
    format: 'esm',
    bundle: true,
    target: 'chrome130',
    // Stack traces in a failing test's console point at customer.ts.
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(here, 'index.html'), path.join(outDir, 'index.html'));
  return outDir;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wav': 'audio/wav',
};

/**
 * Serves `dir` on http://127.0.0.1 with a free port: loopback http is a secure
 * context, so getUserMedia and WebRTC work without certificates.
 */
export async function serveCustomerPage(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const root = path.resolve(dir);
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = path.resolve(root, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
    // Nothing outside the folder, however the path is spelled.
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets from the browser would hold close() open.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
