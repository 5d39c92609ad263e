/**
 * What a file named .xls/.et holds, from its first bytes: a compound file (BIFF8), a zip (a
 * .xlsx under that name) or a web page (as government systems export). Browser-safe, and
 * without SheetJS, so that the page can sniff without loading it.
 */
export const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

export function sniffXls(bytes: Uint8Array): 'cfb' | 'zip' | 'html' | 'unknown' {
  if (startsWith(bytes, CFB_MAGIC)) return 'cfb';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  if (/^<(!doctype html|html|meta|head|body|table|\?xml[^>]*>\s*<html)/.test(head) || (head.startsWith('<') && head.includes('<table'))) return 'html';
  return 'unknown';
}

