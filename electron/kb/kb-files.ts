import fs from 'node:fs';
import path from 'node:path';
import type { ImportSkipReason } from '../../shared/kb/types';
import { formatArticleFile, type ExportableArticle } from './article-file';

/** Reading an import folder and writing an export folder. */

export interface FoundFile {
  /** Relative to the imported folder, "/" between folders. */
  readonly relativePath: string;
  readonly absolutePath: string;
}

export interface FileProblem {
  readonly path: string;
  readonly reason: ImportSkipReason;
  readonly detail: string;
}

const markdown = /\.(md|markdown)$/i;
export const maxImportFiles = 20_000;
const maxDepth = 12;

/**
 * Every Markdown file under a folder, sorted by path. Hidden files and folders (.git) are
 * skipped; links to files are followed, links to folders are not (no cycles); entries that
 * cannot be read are reported, not thrown.
 */
export async function findMarkdownFiles(root: string): Promise<{ files: FoundFile[]; problems: FileProblem[] }> {
  const files: FoundFile[] = [];
  const problems: FileProblem[] = [];
  const walk = async (dir: string, relative: string, depth: number): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: relative || '.', reason: 'unreadable', detail: describeError(error) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const absolutePath = path.join(dir, entry.name);
      const relativePath = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (depth >= maxDepth) {
          problems.push({
            path: relativePath,
            reason: 'unreadable',
            detail: `folders deeper than ${maxDepth} levels are not read`,
          });
        } else {
          await walk(absolutePath, relativePath, depth + 1);
        }
        continue;
      }
      if (!markdown.test(entry.name)) continue;
      if (entry.isSymbolicLink()) {
        try {
          const target = await fs.promises.stat(absolutePath);
          if (!target.isFile()) continue;
        } catch (error) {
          problems.push({ path: relativePath, reason: 'unreadable', detail: describeError(error) });
          continue;
        }
      } else if (!entry.isFile()) continue;
      if (files.length >= maxImportFiles) {
        problems.push({
          path: relativePath,
          reason: 'too_large',
          detail: `only the first ${maxImportFiles} files of a folder are imported`,
        });
        return;
      }
      files.push({ relativePath, absolutePath });
    }
  };
  await walk(root, '', 0);
  return { files, problems };
}

export function describeError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOENT: 'the file is gone (a broken link?)',
    EISDIR: 'a folder, not a file',
    ELOOP: 'a link that points to itself',
    EIO: 'the disk could not read it',
  };
  if (typeof code === 'string' && known[code]) return `${known[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

export const exportMarker = '.seatdesk-kb-export.json';

interface MarkerFile {
  readonly exportedAt: string;
  readonly files: readonly string[];
}

/** Characters no file system takes in a name, and names Windows reserves. */
function safeName(name: string): string {
  const cleaned = name
    .replace(/[\p{Cc}<>:"/\\|?*]/gu, '_')
    .replace(/^[ .]+|[ .]+$/g, '')
    .slice(0, 80);
  if (cleaned.length === 0) return '_';
  return /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(cleaned) ? `_${cleaned}` : cleaned;
}

export function exportPathFor(category: string, id: string): string {
  const folders = category === '' ? [] : category.split('/').map(safeName);
  return [...folders, `${id}.md`].join('/');
}

export class ExportRefused extends Error {}

/**
 * Writes articles into `dir`, which must be empty, missing, or a previous export (it has the
 * marker file). Files of the previous export that are not written again (archived articles)
 * are removed; nothing else in the folder is touched.
 */
export async function writeExport(
  dir: string,
  pages: AsyncIterable<readonly (ExportableArticle & { readonly category: string })[]>,
  now: Date,
): Promise<number> {
  await fs.promises.mkdir(dir, { recursive: true });
  const existing = (await fs.promises.readdir(dir)).filter((name) => name !== exportMarker);
  let previous: MarkerFile | null;
  try {
    previous = JSON.parse(await fs.promises.readFile(path.join(dir, exportMarker), 'utf8')) as MarkerFile;
  } catch {
    previous = null;
  }
  if (existing.length > 0 && previous === null) {
    throw new ExportRefused(`${dir} is not empty and holds no previous export; choose an empty folder`);
  }
  const written: string[] = [];
  for await (const page of pages) {
    for (const article of page) {
      const relative = exportPathFor(article.category, article.id);
      const target = path.join(dir, ...relative.split('/'));
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.writeFile(target, formatArticleFile(article), 'utf8');
      written.push(relative);
    }
  }
  const keep = new Set(written);
  for (const old of previous?.files ?? []) {
    if (keep.has(old) || old.includes('..')) continue;
    await fs.promises.rm(path.join(dir, ...old.split('/')), { force: true });
  }
  const marker: MarkerFile = { exportedAt: now.toISOString(), files: written };
  await fs.promises.writeFile(path.join(dir, exportMarker), `${JSON.stringify(marker, null, 2)}\n`, 'utf8');
  return written.length;
}
