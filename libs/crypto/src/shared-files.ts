import { link, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomToken } from './random-token.js';
import { sha256Base64url } from './sha256-base64url.js';

/**
 * Reads `file`, or creates it with `create()` if it does not exist. Creation is a hard link of a
 * fully written temporary file, which succeeds for exactly one of the processes sharing the
 * directory; the others read the winner's content.
 */
export async function readOrCreateFile(file: string, create: () => Promise<string>, mode: number): Promise<string> {
  const existing = await readIfExists(file);
  if (existing !== null) return existing;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const content = await create();
  const temporary = await writeTemporary(file, content, mode);
  try {
    await link(temporary, file);
    return content;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFile(file, 'utf8');
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/** Replaces `file` in one step (a rename), so that readers see the old or the new content, never a part. */
export async function replaceFile(file: string, content: string, mode: number): Promise<void> {
  const temporary = await writeTemporary(file, content, mode);
  try {
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/**
 * Replaces `file`, found holding `stale`, with `create()`. The processes that found the same stale
 * content race to create its successor `<file>.<digest of stale>.next` as `readOrCreateFile` does,
 * then all write the winner, so they agree on one replacement. Successors of earlier
 * replacements are removed.
 */
export async function replaceStaleFile(file: string, stale: string, create: () => Promise<string>, mode: number): Promise<string> {
  const successorFile = `${file}.${sha256Base64url(stale).slice(0, 22)}.next`;
  const successor = await readOrCreateFile(successorFile, create, mode);
  await replaceFile(file, successor, mode);
  const earlier = (await readdir(dirname(file))).filter((name) => name.startsWith(`${basename(file)}.`) && name.endsWith('.next') && name !== basename(successorFile));
  await Promise.all(earlier.map((name) => unlink(join(dirname(file), name)).catch(() => undefined)));
  return successor;
}

export async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function writeTemporary(file: string, content: string, mode: number): Promise<string> {
  const temporary = `${file}.${process.pid}.${randomToken(6)}.tmp`;
  await writeFile(temporary, content, { mode, flag: 'wx' });
  return temporary;
}
