/** The page's .xls/.et chunk (src/web/chunks.ts): SheetJS and the BIFF8 reader, without the form readers (the worker has them). */
import { readXls } from '../load/xls.js';
import { register } from './chunks.js';

register('xls', { readXls });
