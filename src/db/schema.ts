/** The tables as Kysely sees them. Instants are ISO 8601 UTC strings on both databases. */
export type DatabaseSchema = {
  settings: SettingsTable;
};

export type SettingsTable = {
  key: string;
  value: string;
  updated_at: string;
};
