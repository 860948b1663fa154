import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log/logger';

/**
 * Where passwords live (the SIP password today). Electron encrypts them with
 * the OS keychain (safeStorage, in electron/app/); the web host and the CLI
 * have no keychain and keep them in a file only this user may read.
 */
export interface SecretStore {
  /** True when values are encrypted at rest. */
  readonly encrypted: boolean;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Encrypts and decrypts single values; Electron's safeStorage fits this shape. */
export interface Cipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

/**
 * A JSON file (mode 0600) of key → value. With a cipher the values are sealed
 * (base64 of the ciphertext); without one they are plain, and the first write
 * warns once that the password is stored unencrypted.
 */
export class FileSecretStore implements SecretStore {
  readonly #file: string;
  readonly #cipher: Cipher | undefined;
  readonly #log: Logger;
  #warned = false;

  constructor(file: string, log: Logger, cipher?: Cipher) {
    this.#file = file;
    this.#cipher = cipher;
    this.#log = log;
  }

  get encrypted(): boolean {
    return this.#cipher !== undefined;
  }

  async #read(): Promise<Record<string, string>> {
    try {
      const parsed = JSON.parse(await fs.readFile(this.#file, 'utf8')) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      this.#log.warn('secret store unreadable; treating as empty', {
        file: this.#file,
        error: (error as Error).message,
      });
      return {};
    }
  }

  async #write(values: Record<string, string>): Promise<void> {
    await fs.mkdir(path.dirname(this.#file), { recursive: true });
    const temp = `${this.#file}.${process.pid}.tmp`;
    await fs.writeFile(temp, JSON.stringify(values), { mode: 0o600 });
    await fs.rename(temp, this.#file);
    await fs.chmod(this.#file, 0o600);
  }

  async get(key: string): Promise<string | undefined> {
    const value = (await this.#read())[key];
    if (value === undefined) return undefined;
    if (this.#cipher === undefined) return value;
    try {
      return this.#cipher.decrypt(Buffer.from(value, 'base64'));
    } catch (error) {
      this.#log.warn('stored secret could not be decrypted (another user or machine?)', {
        key,
        error: (error as Error).message,
      });
      return undefined;
    }
  }

  async set(key: string, value: string): Promise<void> {
    if (this.#cipher === undefined && !this.#warned) {
      this.#warned = true;
      this.#log.warn('no OS keychain in this mode: the password is stored unencrypted, readable only by this user', {
        file: this.#file,
      });
    }
    const values = await this.#read();
    values[key] = this.#cipher === undefined ? value : this.#cipher.encrypt(value).toString('base64');
    await this.#write(values);
  }

  async delete(key: string): Promise<void> {
    const values = await this.#read();
    if (!(key in values)) return;
    delete values[key];
    await this.#write(values);
  }
}
