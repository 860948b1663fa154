import fs from 'node:fs';
import type { Role } from '../../shared/domain/roles';
import type { CallContext } from '../api/registrar';
import type { Services } from '../services';
import { testServices } from '../test-support';

/** Services on a fresh data folder, with helpers for the knowledge-base tests. */
export async function kbServices(): Promise<{
  services: Services;
  dataDir: string;
  as(role: Role, displayName?: string): Promise<void>;
  call(method: string, payload: unknown, context?: Partial<CallContext>): Promise<unknown>;
  close(): Promise<void>;
}> {
  const { services, dataDir } = await testServices();
  return {
    services,
    dataDir,
    as: async (role, displayName) => {
      await services.settings.update({ profile: { role, ...(displayName ? { displayName } : {}) } });
    },
    call: async (method, payload, context) => {
      const result = await services.registrar.dispatch(method, payload, {
        transport: 'test',
        readOnly: false,
        client: 'test',
        ...context,
      });
      if (!result.ok) {
        const error = new Error(result.error.message) as Error & { code: string };
        error.code = result.error.code;
        throw error;
      }
      return result.value;
    },
    close: async () => {
      await services.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
