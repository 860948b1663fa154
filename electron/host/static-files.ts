import fs from 'node:fs/promises';
import path from 'node:path';

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.webm': 'audio/webm',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** Vite's hashed assets never change under the same name. */
  readonly immutable: boolean;
}

/**
 * Serves the built renderer from memory: a few hundred kilobytes, read once,
 * so first paint does not wait on the disk. Paths are resolved inside the root
 * only; anything that would climb out is treated as missing.
 */
export class StaticFiles {
  readonly #root: string;
  readonly #cache = new Map<string, StaticFile>();

  constructor(root: string) {
    this.#root = path.resolve(root);
  }

  get root(): string {
    return this.#root;
  }

  async exists(): Promise<boolean> {
    return (await this.get('/index.html')) !== null;
  }

  /** `urlPath` is the request path without query; `/` means index.html. */
  async get(urlPath: string): Promise<StaticFile | null> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const absolute = path.resolve(this.#root, relative);
    if (absolute !== this.#root && !absolute.startsWith(this.#root + path.sep)) return null;

    const hit = this.#cache.get(absolute);
    if (hit !== undefined) return hit;
    let file: StaticFile | null = null;
    try {
      const stat = await fs.stat(absolute);
      if (stat.isFile()) {
        file = {
          body: await fs.readFile(absolute),
          contentType: mimeTypes[path.extname(absolute).toLowerCase()] ?? 'application/octet-stream',
          immutable: relative.startsWith('assets/'),
        };
      }
    } catch {
      file = null;
    }
    // Misses are not remembered: every odd URL a client tries would otherwise grow the cache.
    if (file !== null) this.#cache.set(absolute, file);
    return file;
  }
}
