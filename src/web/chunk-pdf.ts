/** The page's PDF chunk (src/web/chunks.ts): pdf.js and the PDF reader, without the form readers (the worker has them). */
import { readPdf } from '../load/pdf.js';
import { register } from './chunks.js';

register('pdf', { readPdf });
