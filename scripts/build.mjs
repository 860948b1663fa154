// One build for everything SeatDesk runs: the Node-side bundles (Electron main,
// preload, web host, CLI, database worker) with esbuild, the renderer with Vite,
// and the customer chat page (/chat on the web host) with esbuild.
//   node scripts/build.mjs              everything
//   node scripts/build.mjs --node-only  skip the renderer (CLI runs)
//   node scripts/build.mjs --quiet      no summary line
import { build as esbuild } from 'esbuild';
import fs from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const started = performance.now();

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __SEATDESK_BUNDLED__: 'true' },
  // Native modules and Electron itself load at run time; ws's optional native helpers are optional.
  external: ['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate'],
};

async function buildNode() {
  await Promise.all([
    esbuild({
      ...common,
      entryPoints: {
        main: 'electron/main.ts',
        'web-host': 'electron/host/web-host.ts',
        cli: 'electron/cli/cli.ts',
        'db-worker': 'electron/db/worker.ts',
      },
      outdir: 'out/main',
      format: 'esm',
      outExtension: { '.js': '.mjs' },
      // Bundled CommonJS dependencies call require() for Node built-ins.
      banner: {
        js: "import { createRequire as __seatdeskRequire } from 'node:module'; const require = __seatdeskRequire(import.meta.url);",
      },
    }),
    // Sandboxed preloads must be a single CommonJS file.
    esbuild({
      ...common,
      entryPoints: { preload: 'electron/preload.ts' },
      outdir: 'out/main',
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
    }),
  ]);
}

// The customer's chat page: a small page of its own (no React), for any browser a customer
// may have. Hashed names, so the web host can let browsers cache them for good.
async function buildCustomerChat() {
  const source = path.join(root, 'renderer/customer-chat');
  const outdir = path.join(root, 'out/renderer-customer');
  await fs.rm(outdir, { recursive: true, force: true });
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: [path.join(source, 'main.ts'), path.join(source, 'chat.css')],
    entryNames: 'assets/chat-[hash]',
    outdir,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15', 'edge100'],
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.entries(result.metafile.outputs);
  const served = (ext) => {
    const found = outputs.find(([file, meta]) => meta.entryPoint !== undefined && file.endsWith(ext));
    if (!found) throw new Error(`customer chat: no ${ext} output`);
    return `/chat/${path.relative(outdir, path.join(root, found[0])).split(path.sep).join('/')}`;
  };
  const html = (await fs.readFile(path.join(source, 'index.html'), 'utf8'))
    .replace('%CHAT_JS%', served('.js'))
    .replace('%CHAT_CSS%', served('.css'));
  await fs.writeFile(path.join(outdir, 'index.html'), html);
  await fs.copyFile(path.join(root, 'renderer/public/icon.svg'), path.join(outdir, 'icon.svg'));
}

async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}

try {
  await buildNode();
  if (!args.has('--node-only')) await Promise.all([buildRenderer(), buildCustomerChat()]);
  if (!args.has('--quiet')) {
    console.log(`SeatDesk built in ${Math.round(performance.now() - started)} ms (out/)`);
  }
} catch (error) {
  console.error(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
