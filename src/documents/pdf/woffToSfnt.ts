import { inflateSync } from 'node:zlib';

const woffHeaderSize = 44;
const woffEntrySize = 20;
const sfntHeaderSize = 12;
const sfntEntrySize = 16;

/**
 * A WOFF 1.0 font (W3C, 2012) as the TrueType or OpenType file it wraps. fontkit reads WOFF
 * itself but inflates a table again on each use, which makes every PDF take seconds with a font
 * as large as Unifont; unwrapped once, the font is read like any TrueType file.
 */
export function woffToSfnt(woff: Uint8Array): Buffer {
  const input = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (input.toString('latin1', 0, 4) !== 'wOFF') throw new Error('Not a WOFF 1.0 font');
  const flavour = input.readUInt32BE(4);
  const tableCount = input.readUInt16BE(12);
  const tables = Array.from({ length: tableCount }, (_, index) => {
    const entry = woffHeaderSize + index * woffEntrySize;
    const offset = input.readUInt32BE(entry + 4);
    const compressedLength = input.readUInt32BE(entry + 8);
    const length = input.readUInt32BE(entry + 12);
    const stored = input.subarray(offset, offset + compressedLength);
    const data = compressedLength < length ? inflateSync(stored) : stored;
    if (data.length !== length) throw new Error('A WOFF table is not the length it says');
    return { tag: input.readUInt32BE(entry), checksum: input.readUInt32BE(entry + 16), data };
  });

  const padded = (length: number) => (length + 3) & ~3;
  const directorySize = sfntHeaderSize + tableCount * sfntEntrySize;
  const size = tables.reduce((sum, table) => sum + padded(table.data.length), directorySize);
  const output = Buffer.alloc(size);
  const largestPowerOfTwo = 2 ** Math.floor(Math.log2(tableCount));
  output.writeUInt32BE(flavour, 0);
  output.writeUInt16BE(tableCount, 4);
  output.writeUInt16BE(largestPowerOfTwo * 16, 6);
  output.writeUInt16BE(Math.log2(largestPowerOfTwo), 8);
  output.writeUInt16BE(tableCount * 16 - largestPowerOfTwo * 16, 10);
  let offset = directorySize;
  tables.forEach((table, index) => {
    const entry = sfntHeaderSize + index * sfntEntrySize;
    output.writeUInt32BE(table.tag, entry);
    output.writeUInt32BE(table.checksum, entry + 4);
    output.writeUInt32BE(offset, entry + 8);
    output.writeUInt32BE(table.data.length, entry + 12);
    table.data.copy(output, offset);
    offset += padded(table.data.length);
  });
  return output;
}
