import { chatLimits, isAllowedAttachmentType } from '../../shared/center/limits';

export type AttachmentCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: 'type' | 'size' | 'empty' };

/** The page's check before anything is read or sent; the service checks again. */
export function checkAttachment(file: { readonly type: string; readonly size: number }): AttachmentCheck {
  if (!isAllowedAttachmentType(file.type)) return { ok: false, reason: 'type' };
  if (file.size > chatLimits.attachmentBytes) return { ok: false, reason: 'size' };
  if (file.size === 0) return { ok: false, reason: 'empty' };
  return { ok: true };
}

/** "1.2 MB", "340 KB", "12 B": short, for a chip beside a file name. */
export function formatSize(bytes: number, locale: string): string {
  const number = (value: number, digits: number): string =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  if (bytes < 1024) return `${number(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024, 0)} KB`;
  return `${number(bytes / 1024 / 1024, 1)} MB`;
}

export const maxAttachmentMb = chatLimits.attachmentBytes / 1024 / 1024;
