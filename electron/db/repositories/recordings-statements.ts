import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements, prepared once per connection and reused (better-sqlite3 does not cache
 * them itself; preparing costs more than running a small insert).
 */
const cache = new WeakMap<Database, Map<string, Statement>>();

export function statement(db: Database, sql: string): Statement {
  let byText = cache.get(db);
  if (byText === undefined) {
    byText = new Map();
    cache.set(db, byText);
  }
  let prepared = byText.get(sql);
  if (prepared === undefined) {
    prepared = db.prepare(sql);
    // Dynamic search SQL varies with the filters; bound the cache so it cannot grow without end.
    if (byText.size > 500) byText.clear();
    byText.set(sql, prepared);
  }
  return prepared;
}
