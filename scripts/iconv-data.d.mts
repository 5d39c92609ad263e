import type { Target } from 'jixiao:iconv-data';
export function iconvData(): {
  targets: Target[];
  names: Record<string, number>;
  sbcs: string[];
  gb18030: { uChars: number[]; gbChars: number[]; fourByte: Record<string, string>; twoByte2005: Record<string, string> };
};
