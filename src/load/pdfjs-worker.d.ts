/** pdf.js's worker module (no types of its own): loaded on the calling thread as globalThis.pdfjsWorker (src/load/pdf.ts). */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
