import type { Role } from '../domain/roles';
import type { KbAudience } from './types';

/**
 * Who may do what in the knowledge base. The service enforces it (ApiError 'forbidden');
 * the UI reads the same rules to offer only what will be allowed.
 *
 * - Everyone reads, votes and writes down what they learned: agents create internal articles
 *   and edit their own internal ones.
 * - KB editors (supervisors and QA leads) also edit anyone's article, publish customer-facing
 *   articles, archive, import and export, and tend the missed-query list.
 */
export interface KbPermissions {
  readonly canWrite: boolean;
  readonly canEditOthers: boolean;
  readonly canPublishCustomer: boolean;
  readonly canImport: boolean;
  readonly canManageMissed: boolean;
}

const editors: ReadonlySet<Role> = new Set<Role>(['supervisor', 'qa_lead']);

export function isKbEditor(role: Role): boolean {
  return editors.has(role);
}

export function kbPermissions(role: Role): KbPermissions {
  const editor = isKbEditor(role);
  return {
    canWrite: true,
    canEditOthers: editor,
    canPublishCustomer: editor,
    canImport: editor,
    canManageMissed: editor,
  };
}

export interface EditTarget {
  readonly author: string;
  readonly audience: KbAudience;
}

/** Why an edit is refused, or null when it is allowed. `existing` is undefined for a new article. */
export function editRefusal(
  role: Role,
  me: string,
  existing: EditTarget | undefined,
  next: { readonly audience: KbAudience },
): 'customer_audience' | 'not_author' | null {
  if (isKbEditor(role)) return null;
  if (next.audience === 'customer' || existing?.audience === 'customer') return 'customer_audience';
  if (existing !== undefined && existing.author !== me) return 'not_author';
  return null;
}

export function canArchive(role: Role, me: string, article: EditTarget): boolean {
  return editRefusal(role, me, article, article) === null;
}
