import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Why a path could not be read as a file's bytes, for a one-line report. */
export class NotReadable extends Error {}

/**
 * The bytes of a regular file of at most `maxBytes`. FIFOs, devices and sockets are refused without
 * blocking (opened non-blocking, checked with fstat before any read), and no more than `maxBytes + 1`
 * bytes are read even if the file grows meanwhile.
 */
export function readRegularFile(path: string, maxBytes: number): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new NotReadable(`cannot open: ${(e as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotReadable(`not a regular file (${kindOf(st)}); only regular files are read`);
    if (st.size > maxBytes) throw new NotReadable(`skipped: ${megabytes(st.size)} is over the ${megabytes(maxBytes)} limit for one file`);
    // Bounded even if the file grows after the fstat.
    const bytes = readUpTo(fd, maxBytes + 1, st.size + 1);
    if (bytes.length > maxBytes) throw new NotReadable(`skipped: over the ${megabytes(maxBytes)} limit for one file`);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** Reads until end of file or `limit` bytes, in chunks of about `expected` bytes (the size fstat saw). */
function readUpTo(fd: number, limit: number, expected: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.alloc(Math.min(Math.max(expected, 64 * 1024), limit - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks);
}

export function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isSymbolicLink(): boolean }): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
