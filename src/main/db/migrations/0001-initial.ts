import type { Migration } from './types';

/** The first schema: the sync checkpoint and the cases as the feed delivers them. */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE sync_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      cursor INTEGER NOT NULL DEFAULT 0,
      last_synced_at TEXT
    );
    INSERT INTO sync_state (id, cursor) VALUES (1, 0);

    CREATE TABLE cases (
      id TEXT PRIMARY KEY NOT NULL,
      file_number TEXT NOT NULL,
      plate TEXT NOT NULL,
      vehicle_make TEXT NOT NULL,
      vehicle_color TEXT NOT NULL,
      offence_code TEXT NOT NULL,
      offence_text TEXT NOT NULL,
      fine_cents INTEGER NOT NULL,
      street TEXT NOT NULL,
      house_number TEXT NOT NULL,
      district INTEGER NOT NULL,
      lat REAL NOT NULL,
      lon REAL NOT NULL,
      -- UTC ISO-8601, so that text order is time order.
      observed_at TEXT NOT NULL,
      officer_id TEXT NOT NULL,
      status TEXT NOT NULL,
      version INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    );
    -- One index per sortable column; the id breaks ties so that paging is stable.
    CREATE INDEX cases_observed_at ON cases (observed_at, id);
    CREATE INDEX cases_file_number ON cases (file_number, id);
    CREATE INDEX cases_plate ON cases (plate, id);
    CREATE INDEX cases_fine_cents ON cases (fine_cents, id);
    CREATE INDEX cases_district ON cases (district, id);
    CREATE INDEX cases_status ON cases (status, observed_at, id);
  `,
};
