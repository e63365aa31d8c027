import { existsSync } from 'node:fs';
import path from 'node:path';
import { SQLITE_FILE_NAME } from '../../db/database.ts';
import { refuseDuringRestore } from '../../db/dataFolderClaims.ts';
import { backupSqliteFile } from '../../db/sqliteFiles.ts';

/**
 * `accord backup FILE`: a consistent copy of the embedded database, taken while the server
 * runs and writes, readable by its owner only. An existing FILE is replaced whole, at once.
 */
export async function backupDatabase(
  dataDir: string,
  target: string,
): Promise<{ file: string; bytes: number }> {
  const live = path.join(dataDir, SQLITE_FILE_NAME);
  const file = path.resolve(target);
  refuseDuringRestore(dataDir);
  if (!existsSync(live)) throw new Error(`there is no database at ${live} (DATA_DIR) to back up`);
  if (file === live || file.startsWith(`${live}-`)) {
    throw new Error(`${file} is the database itself: give a file outside it`);
  }
  if (!existsSync(path.dirname(file))) throw new Error(`there is no folder ${path.dirname(file)}`);
  const { bytes } = await backupSqliteFile(live, file);
  return { file, bytes };
}
