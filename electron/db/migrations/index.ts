import type { Migration } from './types';
import { migration001 } from './001-key-value';
import { migration002 } from './002-call-history';
import { migration003 } from './003-center';
import { migration004 } from './004-knowledge-base';
import { migration005 } from './005-recordings';
import { migration006 } from './006-wallboard';

export type { Migration } from './types';

/** Every schema step, oldest first. Append only: a shipped migration never changes. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
];

assertOrdered(migrations);

export const latestSchemaVersion: number = migrations.at(-1)?.version ?? 0;

export function assertOrdered(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration "${migration.name}" has version ${migration.version}; expected ${index + 1}. ` +
          'Versions start at 1 and increase by one.',
      );
    }
  });
}
