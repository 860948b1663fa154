/** What a chat accepts from either side; both ends check, the service enforces. */
export const chatLimits = {
  textChars: 4000,
  attachmentBytes: 10 * 1024 * 1024,
  /** Images are shown inline; the rest are offered for download. */
  attachmentTypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'] as const,
} as const;

export function isAllowedAttachmentType(mime: string): boolean {
  return (chatLimits.attachmentTypes as readonly string[]).includes(mime);
}

/** Bytes a base64 string decodes to, without decoding it. */
export function base64Size(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}
