/**
 * The results of a batch until its reports are written (issue 15: memory flat; issue 26: reports
 * streamed). Each file's results arrive as UTF-8 JSON (`PackedOutcome`) in the order files finish;
 * they are appended to 1 MB chunks, and a full chunk is compressed (deflate, fastest level: the
 * JSON of findings repeats itself, about a tenth of the size) and written to a temporary file.
 * What stays in memory is three numbers a file and the chunk being filled, so a run of a few
 * hundred thousand files holds neither its findings nor its reports: the formatters read the
 * results back one file at a time, in the files' order, as many times as they need
 * (`ResultSource`, src/report/stream.ts).
 *
 * The temporary file is removed as soon as it is opened where the system allows it (nothing is
 * left behind if the run is killed), else when the store is closed.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { inflateSync } from 'fflate';

/** A file's outcome while a batch runs: its results as UTF-8 JSON (a worker transfers these bytes). */
export interface PackedOutcome {
  bytes: Uint8Array;
  unreadable: boolean;
  error?: string;
}

/** Bytes of packed results per chunk: a full chunk is compressed and written out. */
const CHUNK = 1 << 20;

export class Outcomes {
  private current = new Uint8Array(CHUNK);
  private used = 0;
  /** Per chunk written: where it is in the temporary file, and its compressed length. */
  private readonly chunkAt: number[] = [];
  private readonly chunkLength: number[] = [];
  private fileSize = 0;
  private fd: number | undefined;
  private dir: string | undefined;
  private path: string | undefined;
  /** Per file: chunk (-1: not filed), offset in the chunk's plain bytes, length. */
  private readonly where: Int32Array;
  private readonly flags: Uint8Array;
  private readonly errors = new Map<number, string>();
  /**
   * The last chunks decompressed while reading back (files are read in order), in buffers used
   * again and again: a pass over a run's results decompresses every chunk, and a fresh buffer
   * each time made the memory outside V8's heap grow with the run until the collector caught up.
   */
  private readonly plain = new Map<number, Uint8Array>();
  private readonly spare: Uint8Array[] = [];
  private compressed = new Uint8Array(0);

  constructor(readonly size: number) {
    this.where = new Int32Array(size * 3).fill(-1);
    this.flags = new Uint8Array(size);
  }

  put(i: number, outcome: PackedOutcome): void {
    const bytes = outcome.bytes;
    if (bytes.length > CHUNK - this.used) this.seal();
    let chunk: number;
    let offset = 0;
    if (bytes.length > CHUNK) {
      // larger than a chunk: a chunk of its own
      chunk = this.append(deflateRawSync(bytes, { level: 1 }));
    } else {
      chunk = this.chunkAt.length;
      offset = this.used;
      this.current.set(bytes, offset);
      this.used += bytes.length;
    }
    this.where.set([chunk, offset, bytes.length], i * 3);
    this.flags[i] = (this.flags[i] as number) | 1 | (outcome.unreadable ? 2 : 0);
    if (outcome.error !== undefined) this.errors.set(i, outcome.error);
  }

  /** Write a compressed chunk to the temporary file; its number. */
  private append(compressed: Uint8Array): number {
    if (this.fd === undefined) {
      this.dir = mkdtempSync(join(tmpdir(), 'jixiao-lint-'));
      this.path = join(this.dir, 'results.bin');
      this.fd = openSync(this.path, 'w+', 0o600);
      try {
        unlinkSync(this.path);
        rmSync(this.dir, { recursive: true, force: true });
        this.dir = undefined;
        this.path = undefined;
      } catch {
        /* a system that cannot remove an open file: removed in close() */
      }
    }
    let at = 0;
    while (at < compressed.length) at += writeSync(this.fd, compressed, at, compressed.length - at, this.fileSize + at);
    this.chunkAt.push(this.fileSize);
    this.chunkLength.push(compressed.length);
    this.fileSize += compressed.length;
    return this.chunkAt.length - 1;
  }

  private seal(): void {
    if (this.used === 0) return;
    this.append(deflateRawSync(this.current.subarray(0, this.used), { level: 1 }));
    this.used = 0;
  }

  has(i: number): boolean {
    return ((this.flags[i] as number) & 1) === 1;
  }

  unreadable(i: number): boolean {
    return ((this.flags[i] as number) & 2) === 2;
  }

  /** Mark file i as left out of the run's results (a file found by a search that is not a form). */
  leaveOut(i: number): void {
    this.flags[i] = (this.flags[i] as number) | 4;
  }

  leftOut(i: number): boolean {
    return ((this.flags[i] as number) & 4) === 4;
  }

  error(i: number): string | undefined {
    return this.errors.get(i);
  }

  /** The packed results of file i (call after the last put). */
  bytes(i: number): Uint8Array {
    this.seal();
    const [chunk, offset, length] = this.where.subarray(i * 3, i * 3 + 3) as unknown as [number, number, number];
    let plain = this.plain.get(chunk);
    if (!plain) {
      const size = this.chunkLength[chunk] as number;
      if (this.compressed.length < size) this.compressed = new Uint8Array(Math.max(size, CHUNK));
      const compressed = this.compressed.subarray(0, size);
      let at = 0;
      while (at < size) {
        const n = readSync(this.fd as number, compressed, at, size - at, (this.chunkAt[chunk] as number) + at);
        if (n === 0) throw new Error('result store: the temporary file is shorter than written');
        at += n;
      }
      if (this.plain.size >= 4) {
        const oldest = this.plain.keys().next().value as number;
        const buffer = this.plain.get(oldest) as Uint8Array;
        this.plain.delete(oldest);
        if (buffer.buffer.byteLength === CHUNK) this.spare.push(new Uint8Array(buffer.buffer));
      }
      // a chunk of the usual size is inflated into a spare buffer (fflate writes into the buffer given); a larger one gets its own
      plain = length > CHUNK || offset + length > CHUNK ? inflateSync(compressed) : inflateSync(compressed, { out: this.spare.pop() ?? new Uint8Array(CHUNK) });
      this.plain.set(chunk, plain);
    }
    return plain.subarray(offset, offset + length);
  }

  /** Close and remove the temporary file. */
  close(): void {
    this.plain.clear();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
