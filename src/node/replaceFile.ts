import { chmodSync, chownSync, closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** Writes all of `data` to an open file; a parameter so tests can make the write fail halfway. */
export type WriteAll = (fd: number, data: Uint8Array) => void;

const writeAll: WriteAll = (fd, data) => {
  for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
};

/**
 * Replaces a file's contents all at once: the new bytes go to a temporary file in the same folder,
 * which is renamed over the original only once fully written and flushed, so a full disk or a crash
 * leaves either the old file or the new one, never a truncated mix. The mode is kept; a symlink is
 * followed (its target is replaced, the link stays). A file without write permission is refused,
 * since a rename would otherwise replace it regardless (and root may write anything).
 */
export function replaceFile(path: string, data: Uint8Array, write: WriteAll = writeAll): void {
  const target = realpathSync(path);
  const st = statSync(target);
  if ((st.mode & 0o222) === 0) throw new Error('the file is read-only');
  const mode = st.mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.loss-lens-tmp`);
  const fd = openSync(temp, 'wx', mode);
  let renamed = false;
  try {
    try {
      write(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // openSync's mode is filtered by the umask; the original's mode is restored exactly.
    chmodSync(temp, mode);
    if (st.uid !== process.getuid?.() || st.gid !== process.getgid?.()) {
      try {
        chownSync(temp, st.uid, st.gid);
      } catch {
        // Only root may give a file away; anyone else's fix leaves the file theirs, as an editor would.
      }
    }
    renameSync(temp, target);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        unlinkSync(temp);
      } catch {
        // Nothing to clean up.
      }
    }
  }
}
