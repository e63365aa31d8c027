import { Readable } from 'node:stream';
import { Zip, ZipDeflate } from 'fflate';

/**
 * One file of a ZIP archive: its path inside the archive and its bytes, whole or as they are
 * read (a long list written a batch at a time).
 */
export type ZipEntry = { name: string; bytes: Uint8Array | AsyncIterable<Uint8Array> };

/**
 * Files as a ZIP archive (fflate), streamed: each file is compressed as it arrives and sent
 * before the next is read, so an archive of many cases is never held whole in memory.
 */
export function zipArchive(files: AsyncIterable<ZipEntry>, modifiedAt: Temporal.Instant): Readable {
  const mtime = new Date(modifiedAt.epochMilliseconds);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const ready: Uint8Array[] = [];
    let failure: Error | null = null;
    const zip = new Zip((error, chunk) => {
      if (error) failure = error;
      else ready.push(chunk);
    });
    for await (const file of files) {
      const entry = new ZipDeflate(file.name, { level: 6 });
      entry.mtime = mtime;
      zip.add(entry);
      if (file.bytes instanceof Uint8Array) {
        entry.push(file.bytes, true);
      } else {
        for await (const chunk of file.bytes) {
          entry.push(chunk);
          if (failure) throw failure;
          yield* ready.splice(0);
        }
        entry.push(new Uint8Array(0), true);
      }
      if (failure) throw failure;
      yield* ready.splice(0);
    }
    zip.end();
    if (failure) throw failure;
    yield* ready.splice(0);
  }
  return Readable.from(chunks(), { objectMode: false });
}

const encoder = new TextEncoder();

/** A text file of the archive, in UTF-8. */
export const textEntry = (name: string, text: string): ZipEntry => ({
  name,
  bytes: encoder.encode(text),
});

/** A JSON file of the archive, indented for a person to read. */
export const jsonEntry = (name: string, value: unknown): ZipEntry =>
  textEntry(name, `${JSON.stringify(value, null, 2)}\n`);

/** A JSON list of the archive written as its items are read, never held whole. */
export function jsonListEntry(name: string, items: AsyncIterable<unknown>): ZipEntry {
  return {
    name,
    bytes: (async function* () {
      let first = true;
      yield encoder.encode('[');
      for await (const item of items) {
        yield encoder.encode(`${first ? '\n' : ',\n'}${JSON.stringify(item)}`);
        first = false;
      }
      yield encoder.encode(first ? ']\n' : '\n]\n');
    })(),
  };
}
